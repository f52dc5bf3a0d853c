using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.DoNotCall;

/// <summary>What the importer reads (the registry's flat file, ten-digit and E.164 numbers, any encoding mark and line end) and refuses.</summary>
public sealed class DoNotCallImportTests : IDisposable
{
    private static readonly AccountId Acme = new("acme");
    private static readonly DateOnly DataDate = new(2026, 11, 20);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTransport _transport = new();
    private readonly ServiceProvider _services;

    public DoNotCallImportTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISmsTransport>(_transport);
        services.AddSmsOptOut().UseInMemory();
        _services = services.BuildServiceProvider();
    }

    private IDoNotCallRegistry Registry => _services.GetRequiredService<IDoNotCallRegistry>();

    [Fact]
    public async Task The_registry_flat_file_ten_digit_and_e164_lines_are_read_with_a_byte_order_mark_and_crlf()
    {
        var file = "\uFEFF212,5550123\r\n 2125550124 \r\n+1 (212) 555-0125\r\n# comment\r\n\r\n212, 5550126\n";

        var result = await Registry.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(file)), new DoNotCallImport { DataDate = DataDate });

        result.Should().Match<DoNotCallImportResult>(r => r.Read == 4 && r.Refused == 0 && r.Imported == 4);
        result.Registry.Should().Be(new DoNotCallRegistryInfo(null, DataDate, _time.GetUtcNow(), 4));
        var numbers = new[] { "+12125550123", "+12125550124", "+12125550125", "+12125550126", "+12125550127" }.Select(n => PhoneNumber.Parse(n)).ToArray();
        var listed = new bool[5];
        (await _services.GetRequiredService<IDoNotCallRegistryStore>().FilterAsync(Acme, numbers, listed)).Should().Be(4);
        listed.Should().Equal(true, true, true, true, false);
    }

    [Fact]
    public async Task Numbers_without_a_country_code_are_read_in_the_default_region()
    {
        var result = await Registry.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("020 7946 0958\n+4917612345678\n")),
            new DoNotCallImport { Account = Acme, DataDate = DataDate, DefaultRegion = "GB" });

        result.Imported.Should().Be(2);
        var listed = new bool[2];
        await _services.GetRequiredService<IDoNotCallRegistryStore>().FilterAsync(Acme, new[] { PhoneNumber.Parse("+442079460958"), PhoneNumber.Parse("+4917612345678") }, listed);
        listed.Should().Equal(true, true);
    }

    [Theory]
    [InlineData("21,5550123", "line 1: '21,5550123' is not a phone number: expected the registry's 'area code,number'")]
    [InlineData("212,555012x", "line 1: '212,555012x'")]
    [InlineData("hello", "line 1: 'hello' is not a phone number")]
    public async Task A_malformed_line_is_named_with_its_number_and_under_strict_nothing_is_replaced(string line, string message)
    {
        await Registry.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("2125550199\n")), new DoNotCallImport { DataDate = DataDate });

        var lenient = await Registry.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(line + "\n2125550100\n")), new DoNotCallImport { DataDate = DataDate });
        var strict = () => Registry.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("2125550101\n" + line + "\n")), new DoNotCallImport { DataDate = DataDate, Strict = true });

        lenient.Errors.Should().ContainSingle().Which.Should().StartWith(message);
        lenient.Imported.Should().Be(1);
        (await strict.Should().ThrowAsync<FormatException>()).Which.Message.Should().Contain(message.Replace("line 1", "line 2", StringComparison.Ordinal));
        (await Registry.GetAsync(null))!.Count.Should().Be(1, "the lenient import's set stays after the strict one failed");
    }

    [Fact]
    public async Task A_data_date_in_the_future_or_unset_is_refused()
    {
        var future = () => Registry.ImportAsync(new MemoryStream(), new DoNotCallImport { DataDate = new DateOnly(2026, 12, 25) });
        var unset = () => Registry.ImportAsync(new MemoryStream(), new DoNotCallImport { DataDate = default });

        await future.Should().ThrowAsync<ArgumentException>().WithMessage("*2026-12-25 lies in the future*");
        await unset.Should().ThrowAsync<ArgumentException>().WithMessage("*DataDate is not set*");
        (await Registry.GetAsync(null)).Should().BeNull();
    }

    [Fact]
    public async Task An_unknown_exemption_is_refused_before_anything_is_sent()
    {
        var act = () => _services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(Acme, new ListId("l"), "Acme. Reply STOP to opt out") { DoNotCallExemption = (DoNotCallExemption)9 }, new[] { "+12125550100" }.ToAsyncEnumerable());

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*DoNotCallExemption 9*");
        _transport.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task A_storage_without_a_registry_says_so()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseStorage("custom", RequiredStoresOnly.Register);
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IDoNotCallRegistry>().ImportAsync(new MemoryStream(), new DoNotCallImport { DataDate = DataDate });

        await act.Should().ThrowAsync<NotSupportedException>().WithMessage("*registers no IDoNotCallRegistryStore*");
    }

    public void Dispose() => _services.Dispose();
}
