using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;
using SmsOptOut.Sending;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Reports;

/// <summary>The in-memory store, a fake clock, a recording SMS transport and a recording email edge, with reports for <c>acme</c>.</summary>
internal sealed class ReportHost : IAsyncDisposable
{
    public static readonly AccountId Acme = new("acme");
    public static readonly PhoneNumber Owner = PhoneNumber.Parse("+4915112345678");

    public ReportHost(AccountReportSettings settings, Func<EmailMessage, bool>? emailAccepted = null, bool backgroundService = false)
    {
        Email = new RecordingEmailSender(emailAccepted);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IEmailSender>(Email);
        services.AddSmsOptOut(o =>
        {
            o.Reports.Accounts[Acme.Value] = settings;
            o.Reports.EnableReporter = backgroundService;
            o.Reports.PollInterval = TimeSpan.FromSeconds(30);
            o.Webhooks.EnableDispatcher = false;
        }).UseInMemory();
        services.AddSingleton<ISmsTransport>(Sms);
        Services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));

    public RecordingTransport Sms { get; } = new();

    public RecordingEmailSender Email { get; }

    public ServiceProvider Services { get; }

    public IUnsubscriptionReporter Reporter => Services.GetRequiredService<IUnsubscriptionReporter>();

    public Task<ReportCursor?> CursorAsync() => Services.GetRequiredService<IReportCursorStore>().GetAsync(Acme);

    public async Task OptOutAsync(long index, OptOutSource source = OptOutSource.Keyword, string? text = "STOP") =>
        await Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, Number(index), source)
        {
            Evidence = new ConsentEvidence { MessageText = text },
        });

    public async Task OptInAsync(long index) =>
        await Services.GetRequiredService<IOptOutService>().OptInAsync(new ConsentRequest(Acme, Number(index), OptOutSource.Keyword));

    public static PhoneNumber Number(long index) => PhoneNumber.FromValue(4_917_600_000_000UL + (ulong)index);

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    /// <summary>The email edge: records what was handed over; optionally fails after the hand-over (the server took it, the connection then dropped).</summary>
    internal sealed class RecordingEmailSender(Func<EmailMessage, bool>? accepted) : IEmailSender
    {
        public ConcurrentQueue<EmailMessage> Sent { get; } = new();

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Enqueue(message);
            return accepted is null || accepted(message) ? Task.CompletedTask : throw new IOException("Connection reset after the server accepted the message.");
        }
    }
}
