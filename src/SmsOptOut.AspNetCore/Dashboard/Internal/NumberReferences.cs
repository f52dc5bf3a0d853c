using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// What the dashboard's URLs carry instead of a number: an opaque reference, encrypted and authenticated with ASP.NET
/// Core Data Protection, that names the number only to this dashboard, only for the user who looked it up, only for
/// the account, and only for <see cref="Lifetime"/> (read on the host's <see cref="TimeProvider"/>). A URL ends up in
/// request logs, browser history and proxies' logs; a number must not.
/// </summary>
internal sealed class NumberReferences(IDataProtectionProvider protection, string prefix, TimeProvider time)
{
    /// <summary>How long a reference is honoured: long enough to read a lookup and act on it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private const byte Version = 1;
    private const int MaxLength = 2_048;

    private readonly IDataProtector _protector = protection.CreateProtector("SmsOptOut.AspNetCore.Dashboard.NumberReference", prefix);
    private readonly IDataProtector _cursors = protection.CreateProtector("SmsOptOut.AspNetCore.Dashboard.ListCursor", prefix);

    /// <summary>A reference to <paramref name="number"/> for the signed-in user and <paramref name="account"/>; <paramref name="erased"/> is an erasure's request id to show.</summary>
    public string Create(HttpContext context, AccountId account, PhoneNumber number, string? erased = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write((time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
            writer.Write(number.Value);
            writer.Write(account.Value);
            writer.Write(User(context));
            writer.Write(erased ?? string.Empty);
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    /// <summary>The number a reference names, if it is intact, unexpired, and was made for this user and account.</summary>
    public (PhoneNumber Number, string? Erased)? Read(HttpContext context, AccountId account, string? reference)
    {
        if (string.IsNullOrEmpty(reference) || reference.Length > MaxLength)
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(_protector.Unprotect(WebEncoders.Base64UrlDecode(reference))), Encoding.UTF8);
            if (reader.ReadByte() != Version)
            {
                return null;
            }

            var expires = DateTimeOffset.FromUnixTimeSeconds(reader.ReadInt64());
            var number = PhoneNumber.FromValue(reader.ReadUInt64());
            var madeFor = reader.ReadString();
            var user = reader.ReadString();
            var erased = reader.ReadString();
            return expires > time.GetUtcNow() && madeFor == account.Value && user == User(context)
                ? (number, erased.Length == 0 ? null : erased)
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or EndOfStreamException or ArgumentException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// A page position of the list of suppressed numbers for a URL: it holds the last entry's number, so it travels
    /// protected like a number reference, bound to the user, the account and <see cref="Lifetime"/>.
    /// </summary>
    public string CreateCursor(HttpContext context, AccountId account, SuppressionListCursor cursor)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write((time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
            writer.Write(cursor.Since.UtcTicks);
            writer.Write(cursor.Number.Value);
            writer.Write(cursor.ListKey ?? string.Empty);
            writer.Write(account.Value);
            writer.Write(User(context));
        }

        return WebEncoders.Base64UrlEncode(_cursors.Protect(buffer.ToArray()));
    }

    /// <summary>The page position a cursor reference names, if it is intact, unexpired, and was made for this user and account.</summary>
    public SuppressionListCursor? ReadCursor(HttpContext context, AccountId account, string? reference)
    {
        if (string.IsNullOrEmpty(reference) || reference.Length > MaxLength)
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(_cursors.Unprotect(WebEncoders.Base64UrlDecode(reference))), Encoding.UTF8);
            if (reader.ReadByte() != Version)
            {
                return null;
            }

            var expires = DateTimeOffset.FromUnixTimeSeconds(reader.ReadInt64());
            var cursor = new SuppressionListCursor(new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero), PhoneNumber.FromValue(reader.ReadUInt64()), reader.ReadString());
            var madeFor = reader.ReadString();
            var user = reader.ReadString();
            return expires > time.GetUtcNow() && madeFor == account.Value && user == User(context) && !cursor.Number.IsEmpty ? cursor : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or EndOfStreamException or ArgumentException or IOException)
        {
            return null;
        }
    }

    /// <summary>Who the reference is bound to: the signed-in user's name, or nobody (anonymous local use in Development).</summary>
    private static string User(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true } identity ? "u:" + identity.AuthenticationType + ":" + identity.Name : "anonymous";
}
