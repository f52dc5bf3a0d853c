namespace SmsOptOut.Accounts.Internal;

/// <summary>What an account's settings must hold beyond what the options' validators check.</summary>
internal static class AccountRules
{
    /// <summary>
    /// An account that sends its webhooks to a callback URL of its own signs them with secrets of its own: with the
    /// global secrets, one tenant's receiver could sign requests another tenant's receiver accepts. For the same reason,
    /// it does not inherit the global per-list callback URLs (its list opt-outs would go to another receiver).
    /// </summary>
    public static void Check(SmsOptOutOptions account, SmsOptOutOptions global, List<string> failures)
    {
        var webhooks = account.Webhooks;
        if (webhooks.CallbackUrl is null || webhooks.CallbackUrl == global.Webhooks.CallbackUrl)
        {
            return;
        }

        if (webhooks.Secrets.Count > 0 && webhooks.Secrets.Intersect(global.Webhooks.Secrets, StringComparer.Ordinal).Any())
        {
            failures.Add($"Webhooks.Secrets: the account sends webhooks to its own callback URL {webhooks.CallbackUrl} but signs them with a global secret; give it secrets of its own (Webhooks:Secrets).");
        }

        if (global.Webhooks.ListCallbackUrls.Count > 0 && global.Webhooks.ListCallbackUrls.All(g => webhooks.ListCallbackUrls.TryGetValue(g.Key, out var url) && url == g.Value))
        {
            failures.Add("Webhooks.ListCallbackUrls: the account has its own callback URL but inherits the global per-list callback URLs, which would receive its list opt-outs; set its own (Webhooks:ListCallbackUrls) or remove the global ones.");
        }
    }
}
