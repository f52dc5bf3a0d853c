using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Stateless links: issuing and verifying one token through the public services, against a raw
/// <see cref="HMACSHA256.HashData(byte[], byte[])"/> over as many bytes as the token holds, in the same run.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class StatelessLinkBenchmarks
{
    private static readonly OptOutLinkTarget Target = new(new AccountId("acme"), new ListId("newsletter"),
        PhoneNumber.Parse("+4917612345678"), new CampaignId("spring-2026"));

    private ServiceProvider _services = null!;
    private IOptOutLinkGenerator _generator = null!;
    private IOptOutLinkVerifier _verifier = null!;
    private string _token = string.Empty;
    private byte[] _key = [];
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o =>
        {
            o.LinkBaseUrl = new Uri("https://opt.example/u/");
            o.Links.Mode = OptOutLinkMode.Stateless;
            o.Links.SigningKeys.Add(new OptOutLinkKey { Id = 1, Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        }).UseInMemory();
        _services = services.BuildServiceProvider();
        _generator = _services.GetRequiredService<IOptOutLinkGenerator>();
        _verifier = _services.GetRequiredService<IOptOutLinkVerifier>();
        _token = _generator.CreateAsync(Target).GetAwaiter().GetResult().Token;
        _key = RandomNumberGenerator.GetBytes(32);
        _payload = RandomNumberGenerator.GetBytes(SmsOptOut.Links.Internal.Base62.DecodedLength(_token.Length));
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "HMACSHA256.HashData, same byte count")]
    public byte[] RawHmac() => HMACSHA256.HashData(_key, _payload);

    [Benchmark(Description = "IOptOutLinkGenerator.CreateAsync (stateless)")]
    public Task<OptOutLink> Generate() => _generator.CreateAsync(Target);

    [Benchmark(Description = "IOptOutLinkVerifier.VerifyAsync (stateless)")]
    public Task<OptOutLinkTarget?> Verify() => _verifier.VerifyAsync(_token);
}
