using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tests.Diagnostics;

/// <summary>The spans of the SmsOptOut activity source, read with an <see cref="ActivityListener"/> as OpenTelemetry would.</summary>
public sealed class TracingTests : IAsyncLifetime, IDisposable
{
    private static readonly PhoneNumber OptedOut = PhoneNumber.Parse("+4917612345678");
    private static readonly PhoneNumber Other = PhoneNumber.Parse("+4917612345679");
    private static readonly PhoneNumber Texter = PhoneNumber.Parse("+4917612345670");
    private static readonly PhoneNumber Shortcode = PhoneNumber.Parse("+4915112345678");

    // Listeners are process-wide and tests run in parallel: only this test's account counts.
    private readonly AccountId _account = new("trace-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;
    private readonly RecordingTransport _transport = new();
    private TestReceiver _receiver = null!;
    private ServiceProvider _services = null!;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SmsOptOutDiagnostics.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("smsoptout.account") as string == _account.Value)
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync()
    {
        _receiver = await TestReceiver.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<ISmsTransport>(_transport);
        services.AddSmsOptOut(o =>
        {
            o.Webhooks.CallbackUrl = _receiver.Url();
            o.Webhooks.Secrets.Add(WebhookSecret.Generate());
            o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true;
        }).UseInMemory();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task An_opt_out_is_one_span_with_kind_source_outcome_and_the_masked_number()
    {
        await _services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(_account, OptedOut, OptOutSource.Api));

        var span = _spans.Should().ContainSingle().Subject;
        span.OperationName.Should().Be("smsoptout.consent");
        span.Source.Name.Should().Be(SmsOptOutDiagnostics.ActivitySourceName);
        Tags(span).Should().Contain(new Dictionary<string, string?>
        {
            ["smsoptout.kind"] = "opt_out", ["smsoptout.source"] = "api", ["smsoptout.outcome"] = "applied", ["smsoptout.number"] = "+49 ••• ••• 5678",
        });
        span.Status.Should().Be(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task A_list_send_batch_is_a_span_with_its_counts()
    {
        await _services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(_account, OptedOut, OptOutSource.Api));
        _spans.Clear();

        await _services.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(_account, new ListId("news"), "Sale! Reply STOP to opt out"),
            new[] { OptedOut.ToString(), Other.ToString(), "not a number" }.ToAsyncEnumerable());

        var span = _spans.Should().ContainSingle(s => s.OperationName == "smsoptout.send.batch").Subject;
        Tags(span).Should().Contain(new Dictionary<string, string?>
        {
            ["smsoptout.list"] = "news", ["smsoptout.batch.size"] = "3", ["smsoptout.recipients.sent"] = "1", ["smsoptout.recipients.suppressed"] = "1",
            ["smsoptout.recipients.invalid"] = "1", ["smsoptout.cancelled"] = "False",
        });
    }

    [Fact]
    public async Task A_webhook_delivery_is_a_span_with_the_attempt_status_and_outcome()
    {
        await _services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(_account, OptedOut, OptOutSource.Api));

        (await _services.GetRequiredService<IOptOutWebhookDispatcher>().DispatchDueAsync()).Should().Be(1);

        var span = _spans.Should().ContainSingle(s => s.OperationName == "smsoptout.webhook.delivery").Subject;
        Tags(span).Should().Contain(new Dictionary<string, string?>
        {
            ["smsoptout.webhook.attempt"] = "1", ["http.response.status_code"] = "204", ["server.address"] = "127.0.0.1", ["smsoptout.outcome"] = "delivered",
        });
        Tags(span)["smsoptout.webhook.id"].Should().StartWith("msg_");
    }

    [Fact]
    public async Task A_failed_webhook_delivery_marks_its_span_as_an_error()
    {
        _receiver.Handle = (_, context) =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        };
        await _services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(_account, OptedOut, OptOutSource.Api));

        await _services.GetRequiredService<IOptOutWebhookDispatcher>().DispatchDueAsync();

        var span = _spans.Should().ContainSingle(s => s.OperationName == "smsoptout.webhook.delivery").Subject;
        span.Status.Should().Be(ActivityStatusCode.Error);
        Tags(span)["smsoptout.outcome"].Should().Be("pending", "the delivery will be retried");
    }

    [Fact]
    public async Task An_inbound_stop_is_a_span_with_the_opt_out_inside_it()
    {
        await _services.GetRequiredService<IInboundSmsProcessor>().ProcessAsync(
            new InboundSms(_account, Texter, Shortcode, "STOP", DateTimeOffset.UtcNow) { ProviderName = "test", ProviderMessageId = "m1" });

        var inbound = _spans.Should().ContainSingle(s => s.OperationName == "smsoptout.inbound").Subject;
        var consent = _spans.Should().ContainSingle(s => s.OperationName == "smsoptout.consent").Subject;
        consent.ParentSpanId.Should().Be(inbound.SpanId, "the opt-out happened while the message was processed");
        Tags(inbound).Should().Contain(new Dictionary<string, string?>
        {
            ["smsoptout.provider"] = "test", ["smsoptout.keyword.class"] = "OptOut", ["smsoptout.outcome"] = "applied", ["smsoptout.reply"] = "sent",
            ["smsoptout.number"] = "+49 ••• ••• 5670",
        });
        Tags(consent)["smsoptout.source"].Should().Be("keyword");
    }

    [Fact]
    public async Task No_span_carries_a_full_phone_number()
    {
        var optOut = _services.GetRequiredService<IOptOutService>();
        await optOut.OptOutAsync(new ConsentRequest(_account, OptedOut, OptOutSource.Api));
        await optOut.OptOutManyAsync([new ConsentRequest(_account, Other, OptOutSource.Import)]);
        await _services.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(_account, new ListId("news"), "Reply STOP to opt out"),
            new[] { OptedOut.ToString(), Texter.ToString() }.ToAsyncEnumerable());
        await _services.GetRequiredService<IInboundSmsProcessor>().ProcessAsync(new InboundSms(_account, Texter, Shortcode, "STOP", DateTimeOffset.UtcNow));
        await _services.GetRequiredService<IOptOutWebhookDispatcher>().DispatchDueAsync();

        _spans.Select(s => s.OperationName).Distinct().Should().BeEquivalentTo(
            "smsoptout.consent", "smsoptout.consent.batch", "smsoptout.send.batch", "smsoptout.inbound", "smsoptout.webhook.delivery");
        var values = _spans.SelectMany(s => s.TagObjects).Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToList();
        foreach (var number in new[] { OptedOut, Other, Texter, Shortcode })
        {
            values.Should().NotContain(v => v.Contains(number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
    }

    private static Dictionary<string, string?> Tags(Activity activity) =>
        activity.TagObjects.ToDictionary(t => t.Key, t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture));
}
