using Microsoft.AspNetCore.Http;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>Names a request's method for a log line without writing whatever a client put there.</summary>
internal static class Methods
{
    private static readonly string[] Known =
    [
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Options,
        HttpMethods.Trace, HttpMethods.Connect,
    ];

    public static string Describe(string method) => Known.FirstOrDefault(m => HttpMethods.Equals(m, method)) ?? "(another method)";
}
