using Microsoft.AspNetCore.Http;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>Twilio's Messages API on 127.0.0.1: every message is created (201 with a sid), each request remembered.</summary>
internal static class TwilioApiStub
{
    public static async Task<TestReceiver> StartAsync()
    {
        var api = await TestReceiver.StartAsync();
        api.Handle = async (_, context) =>
        {
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"sid\":\"SM00000000000000000000000000000001\"}");
        };
        return api;
    }
}
