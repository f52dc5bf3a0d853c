using BenchmarkDotNet.Running;
using SmsOptOut.Benchmarks;

if (args.Length > 0 && args[0] == "--memory")
{
    MemoryFootprint.Run();
    return;
}

if (args.Length > 0 && args[0] == "--snapshot-footprint")
{
    // --snapshot-footprint <numbers>
    SnapshotFootprint.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "--snapshot-round-trip")
{
    // --snapshot-round-trip <suppressed>
    SnapshotRoundTrip.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "--redis-footprint")
{
    // --redis-footprint <numbers>
    RedisFootprint.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "--send-footprint")
{
    // --send-footprint <recipients> <Stored|Stateless> <dedupe|nodedupe>
    ListSendFootprint.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<SmsOptOut.Links.OptOutLinkMode>(args[2]), args[3] == "dedupe");
    return;
}

if (args.Length > 0 && args[0] == "--export-footprint")
{
    // --export-footprint <events>
    ExportFootprint.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "--send-rate")
{
    // --send-rate <messages per second> <messages>
    SendRate.Run(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "--proof-footprint")
{
    // --proof-footprint <leaves>
    ProofFootprint.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "--verify-rate")
{
    // --verify-rate <events>
    VerifyRate.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
