using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using SmsOptOut.Diagnostics;
using SmsOptOut.Testing;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tests.Webhooks;

/// <summary>Delivery over real HTTP to Kestrel on 127.0.0.1, with the retry clock driven by a fake time provider.</summary>
public sealed class WebhookDispatcherTests : IAsyncLifetime
{
    private TestReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await TestReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task An_opt_out_is_delivered_signed_with_the_exact_body()
    {
        await using var host = new WebhookHost(_receiver.Url());
        await host.OptOutAsync(source: SmsOptOut.Consent.OptOutSource.Keyword);

        (await host.Dispatcher.DispatchDueAsync()).Should().Be(1);

        var request = _receiver.Requests.Should().ContainSingle().Subject;
        var message = await host.SingleMessageAsync();
        request.Method.Should().Be("POST");
        request.Header("content-type").Should().Be("application/json");
        request.Text.Should().Be("{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"+4917612345678\",\"source\":\"TollFree number\"}");
        request.Header("webhook-id").Should().Be(message.Id);
        request.Header("webhook-timestamp").Should().Be(host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        StandardWebhookSignature.Verify(request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Header("webhook-signature"), request.Body,
            [WebhookHost.Secret], host.Time.GetUtcNow()).Should().Be(WebhookVerificationResult.Valid);
        message.State.Should().Be(OutboxMessageState.Delivered);
        message.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_failure_is_retried_later_with_the_same_id_and_body()
    {
        var calls = 0;
        _receiver.Handle = (_, context) =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) == 1 ? 500 : 200;
            return Task.CompletedTask;
        };
        await using var host = new WebhookHost(_receiver.Url());
        await host.OptOutAsync();

        await host.Dispatcher.DispatchDueAsync();
        var pending = await host.SingleMessageAsync();
        pending.State.Should().Be(OutboxMessageState.Pending);
        pending.Attempts.Should().Be(1);
        pending.LastError.Should().Be("HTTP 500");
        pending.NextAttemptAt.Should().BeOnOrAfter(host.Time.GetUtcNow()).And.BeOnOrBefore(host.Time.GetUtcNow().AddSeconds(5), "the first retry is within 5 s (full jitter)");

        host.FakeTime.Advance(TimeSpan.FromSeconds(5));
        await host.Dispatcher.DispatchDueAsync();

        (await host.SingleMessageAsync()).State.Should().Be(OutboxMessageState.Delivered);
        var requests = _receiver.Requests.ToArray();
        requests.Should().HaveCount(2);
        requests[1].Header("webhook-id").Should().Be(requests[0].Header("webhook-id"));
        requests[1].Body.Should().Equal(requests[0].Body);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        await using var other = await TestReceiver.StartAsync();
        _receiver.Handle = (_, context) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = other.Url().ToString();
            return Task.CompletedTask;
        };
        await using var host = new WebhookHost(_receiver.Url());
        await host.OptOutAsync();

        await host.Dispatcher.DispatchDueAsync();

        other.Requests.Should().BeEmpty();
        var message = await host.SingleMessageAsync();
        message.State.Should().Be(OutboxMessageState.Pending);
        message.LastError.Should().Contain("redirects are not followed");
    }

    [Fact]
    public async Task Gone_dead_letters_the_message_and_disables_the_endpoint()
    {
        _receiver.Handle = (_, context) =>
        {
            context.Response.StatusCode = 410;
            return Task.CompletedTask;
        };
        await using var host = new WebhookHost(_receiver.Url());
        await host.OptOutAsync(1);

        await host.Dispatcher.DispatchDueAsync();
        await host.OptOutAsync(2);

        var message = await host.SingleMessageAsync();
        message.State.Should().Be(OutboxMessageState.DeadLettered);
        message.LastError.Should().Contain("410");
        (await host.Outbox.CountAsync()).Should().Be(new OutboxCounts(0, 0, 1), "the next opt-out owes nothing to a disabled endpoint");
    }

    [Fact]
    public async Task Retry_After_on_429_is_honoured()
    {
        _receiver.Handle = (_, context) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        };
        await using var host = new WebhookHost(_receiver.Url());
        await host.OptOutAsync();

        await host.Dispatcher.DispatchDueAsync();

        (await host.SingleMessageAsync()).NextAttemptAt.Should().Be(host.Time.GetUtcNow().AddSeconds(120));
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_retried()
    {
        var arrived = new TaskCompletionSource();
        _receiver.Handle = async (_, context) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        };
        await using var host = new WebhookHost(_receiver.Url());
        await host.OptOutAsync();

        var dispatch = host.Dispatcher.DispatchDueAsync();
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        host.FakeTime.Advance(TimeSpan.FromSeconds(15));
        await dispatch.WaitAsync(TimeSpan.FromSeconds(10));

        var message = await host.SingleMessageAsync();
        message.State.Should().Be(OutboxMessageState.Pending);
        message.LastError.Should().Be("no answer within 15 s");
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_dead_lettered_counted_and_replayable()
    {
        var fail = true;
        _receiver.Handle = (_, context) =>
        {
            context.Response.StatusCode = Volatile.Read(ref fail) ? 503 : 200;
            return Task.CompletedTask;
        };
        await using var host = new WebhookHost(_receiver.Url(), o =>
        {
            o.RetrySchedule.Clear();
            o.RetrySchedule.Add(TimeSpan.FromSeconds(1));
            o.RetrySchedule.Add(TimeSpan.FromSeconds(1));
        });
        using var metrics = new MetricCollector<long>(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SmsOptOutDiagnostics.MeterName, "smsoptout.webhook.attempts");
        await host.OptOutAsync();

        for (var i = 0; i < 3; i++)
        {
            await host.Dispatcher.DispatchDueAsync();
            host.FakeTime.Advance(TimeSpan.FromSeconds(1));
        }

        var dead = await host.Dispatcher.GetDeadLettersAsync(new SmsOptOut.Consent.AccountId("acme")).ToListAsync();
        dead.Should().ContainSingle().Which.Attempts.Should().Be(3);
        metrics.GetMeasurementSnapshot().Select(m => m.Tags["smsoptout.outcome"]).Should().Equal("pending", "pending", "dead_lettered");

        Volatile.Write(ref fail, false);
        (await host.Dispatcher.ReplayDeadLettersAsync(new SmsOptOut.Consent.AccountId("acme"))).Should().Be(1);
        await host.Dispatcher.DispatchDueAsync();

        (await host.SingleMessageAsync()).State.Should().Be(OutboxMessageState.Delivered);
        _receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Should().ContainSingle("a replay keeps the webhook-id");
    }

    [Fact]
    public async Task A_test_delivery_reports_status_and_latency_and_is_signed()
    {
        _receiver.Handle = (_, context) =>
        {
            context.Response.StatusCode = 202;
            return Task.CompletedTask;
        };
        await using var host = new WebhookHost(_receiver.Url(), time: TimeProvider.System);

        var result = await host.Dispatcher.SendTestAsync(new SmsOptOut.Consent.AccountId("acme"));

        result.Success.Should().BeTrue();
        result.StatusCode.Should().Be(202);
        result.Latency.Should().BePositive();
        var request = _receiver.Requests.Should().ContainSingle().Subject;
        request.Text.Should().Contain("\"source\":\"Test\"").And.Contain("\"test\":true");
        StandardWebhookSignature.Verify(request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Header("webhook-signature"), request.Body,
            [WebhookHost.Secret], DateTimeOffset.UtcNow).Should().Be(WebhookVerificationResult.Valid);

        await using var none = new WebhookHost(null, time: TimeProvider.System);
        (await none.Dispatcher.SendTestAsync(new SmsOptOut.Consent.AccountId("acme"))).Error.Should().Contain("No callback URL");
    }

    [Fact]
    public async Task A_form_encoded_webhook_is_posted_as_a_form_and_signed_over_its_bytes()
    {
        await using var host = new WebhookHost(_receiver.Url(), o => o.Format = WebhookPayloadFormat.FormEncoded);
        await host.OptOutAsync(source: SmsOptOut.Consent.OptOutSource.OptOutLink);

        (await host.Dispatcher.DispatchDueAsync()).Should().Be(1);

        var request = _receiver.Requests.Should().ContainSingle().Subject;
        request.Header("content-type").Should().Be("application/x-www-form-urlencoded");
        request.Text.Should().Be("timestamp=2026-11-27T06%3A14%3A08Z&unsubscribed_number=%2B4917612345678&source=Optout+Link");
        StandardWebhookSignature.Verify(request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Header("webhook-signature"), request.Body,
            [WebhookHost.Secret], host.Time.GetUtcNow()).Should().Be(WebhookVerificationResult.Valid);
    }

    [Fact]
    public async Task Deliver_pending_now_retries_at_once_what_waits_for_its_retry_time()
    {
        var failing = true;
        _receiver.Handle = (_, context) =>
        {
            context.Response.StatusCode = failing ? 503 : 204;
            return Task.CompletedTask;
        };
        await using var host = new WebhookHost(_receiver.Url(), o => o.UseTestSchedule());
        await host.OptOutAsync();
        (await host.Dispatcher.DispatchDueAsync()).Should().Be(1);
        (await host.Dispatcher.DispatchDueAsync()).Should().Be(0, "the retry waits for its time on the clock, which has not moved");

        failing = false;
        (await host.Dispatcher.DeliverPendingNowAsync()).Should().Be(1);

        var message = await host.SingleMessageAsync();
        message.State.Should().Be(OutboxMessageState.Delivered);
        message.Attempts.Should().Be(2);
        _receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Should().ContainSingle("the retry is the same webhook");
    }

    [Fact]
    public void The_test_schedule_retries_within_seconds()
    {
        var options = new WebhookOptions().UseTestSchedule();

        options.RetrySchedule.Should().Equal(WebhookOptions.TestSchedule);
        options.RetrySchedule.Sum(d => d.TotalSeconds).Should().BeLessThan(16);
        options.PollInterval.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_host_that_decorates_the_dispatcher_starts_and_its_decorator_delivers_in_the_background()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmsOptOut(o =>
        {
            o.Webhooks.CallbackUrl = _receiver.Url();
            o.Webhooks.Secrets.Add(WebhookHost.Secret);
            o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true;
            o.Webhooks.PollInterval = TimeSpan.FromMinutes(10);
            o.Reports.EnableReporter = false;
        }).UseInMemory();
        // Decorate the registered dispatcher the way a host would: wrap whatever was registered before.
        var registered = builder.Services.Last(d => d.ServiceType == typeof(IOptOutWebhookDispatcher));
        builder.Services.Remove(registered);
        builder.Services.AddSingleton(sp => new CountingDispatcher((IOptOutWebhookDispatcher)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
        builder.Services.AddSingleton<IOptOutWebhookDispatcher>(sp => sp.GetRequiredService<CountingDispatcher>());
        using var host = builder.Build();

        await host.StartAsync();
        await host.Services.GetRequiredService<SmsOptOut.Consent.IOptOutService>().OptOutAsync(new SmsOptOut.Consent.ConsentRequest(
            new SmsOptOut.Consent.AccountId("acme"), SmsOptOut.Numbers.PhoneNumber.Parse("+4917612345678"), SmsOptOut.Consent.OptOutSource.Api));
        await Eventually.TrueAsync(() => !_receiver.Requests.IsEmpty, "the decorated dispatcher to deliver the webhook");
        await host.StopAsync();

        host.Services.GetRequiredService<CountingDispatcher>().DispatchCalls.Should().BePositive("the background service runs the host's dispatcher");
        _receiver.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task The_background_dispatcher_delivers_an_opt_out_at_once()
    {
        await using var host = new WebhookHost(_receiver.Url(), o => o.PollInterval = TimeSpan.FromMinutes(10), time: TimeProvider.System);
        var service = host.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "WebhookDispatcherService");
        await service.StartAsync(CancellationToken.None);
        await Task.Delay(100);

        await host.OptOutAsync();

        await Eventually.TrueAsync(() => !_receiver.Requests.IsEmpty, "the webhook to arrive");
        await service.StopAsync(CancellationToken.None);
        _receiver.Requests.Should().ContainSingle("the new opt-out woke the dispatcher long before the 10-minute poll");
    }
}
