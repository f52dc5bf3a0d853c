using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Accounts;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Preferences;
using SmsOptOut.Suppression;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// The preference center of an account whose settings turn it on: "Unsubscribe from everything" first, largest and a
/// bare POST; then the account's lists the recipient is still on, to leave one by one; then a pause of every message
/// for one of the periods the account allows. Nothing here changes anything: the landing page's POST does.
/// </summary>
internal sealed class PreferenceCenter(PreferenceCenterOptions options, IPreferenceListProvider? lists)
{
    /// <summary>The most lists shown; a provider's longer answer is cut.</summary>
    public const int MaxLists = 50;

    /// <summary>The longest list name shown; longer names are cut.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The action a form posts to leave the checked lists.</summary>
    public const string LeaveAction = "lists";

    /// <summary>The action a form posts to pause.</summary>
    public const string PauseAction = "pause";

    /// <summary>The center of the link's account, or <see langword="null"/> when the account shows the plain page.</summary>
    public static PreferenceCenter? For(HttpContext context, ResolvedAccountSettings? account)
    {
        var options = account?.Options.PreferenceCenter
            ?? context.RequestServices.GetRequiredService<IOptionsMonitor<SmsOptOutOptions>>().CurrentValue.PreferenceCenter;
        return options.Enabled ? new PreferenceCenter(options, context.RequestServices.GetService<IPreferenceListProvider>()) : null;
    }

    /// <summary>Whether a pause of <paramref name="days"/> days is one the account allows.</summary>
    public bool AllowsPause(int days) => options.PauseDurations.Contains(TimeSpan.FromDays(days));

    /// <summary>
    /// The account's lists the recipient is on and has not left (nor left everything): what the page offers to leave,
    /// and all a POST may leave — a list id the page did not offer is never written.
    /// </summary>
    public async Task<IReadOnlyList<PreferenceList>> OfferedListsAsync(ISuppressionStore store, AccountId account, PhoneNumber number, CancellationToken cancellationToken)
    {
        if (lists is null)
        {
            return [];
        }

        var offered = new List<PreferenceList>();
        foreach (var list in (await lists.GetListsAsync(account, number, cancellationToken).ConfigureAwait(false)).Take(MaxLists))
        {
            if (list is { Name.Length: > 0 } && !await store.IsSuppressedAsync(account, number, list.Id, cancellationToken).ConfigureAwait(false))
            {
                offered.Add(list.Name.Length > MaxNameLength ? list with { Name = list.Name[..MaxNameLength] } : list);
            }
        }

        return offered;
    }

    /// <summary>
    /// Appends the center's forms: the one-tap full opt-out (an empty POST), the lists to leave (when any), and the
    /// pause periods, each labelled with its end date in the page's language.
    /// </summary>
    public void Append(StringBuilder page, SmsOptOutPageTexts texts, string name, IReadOnlyList<PreferenceList> offered, DateTimeOffset now, bool offerPause = true)
    {
        page.Append("<form method=\"post\">");
        OptOutPage.Button(page, texts.UnsubscribeAllButton, "large");
        page.Append("</form>");
        if (offered.Count > 0)
        {
            page.Append("<form method=\"post\">");
            OptOutPage.Hidden(page, "action", LeaveAction);
            page.Append("<fieldset><legend>").Append(OptOutPage.Encode(OptOutPage.Format(texts.LeaveListsLegend, name))).Append("</legend>");
            foreach (var list in offered)
            {
                page.Append("<label><input type=\"checkbox\" name=\"leave\" value=\"").Append(OptOutPage.Encode(list.Id.Value)).Append("\">")
                    .Append(OptOutPage.Encode(list.Name)).Append("</label>");
            }

            page.Append("</fieldset>");
            OptOutPage.Button(page, texts.LeaveListsButton, "secondary");
            page.Append("</form>");
        }

        if (offerPause && options.PauseDurations.Count > 0)
        {
            page.Append("<form method=\"post\">");
            OptOutPage.Hidden(page, "action", PauseAction);
            page.Append("<fieldset><legend>").Append(OptOutPage.Encode(OptOutPage.Format(texts.PauseLegend, name))).Append("</legend>");
            var first = true;
            foreach (var period in options.PauseDurations.Order())
            {
                page.Append("<label><input type=\"radio\" name=\"days\" value=\"").Append((int)period.TotalDays).Append('"').Append(first ? " checked" : string.Empty).Append('>')
                    .Append(OptOutPage.Encode(Fill(texts.PauseUntilOption, name, Date(texts, LastPausedDay(PauseEnd(now, (int)period.TotalDays)))))).Append("</label>");
                first = false;
            }

            page.Append("</fieldset>");
            OptOutPage.Button(page, texts.PauseButton, "secondary");
            page.Append("</form>");
        }
    }

    /// <summary>
    /// When a pause of <paramref name="days"/> days chosen at <paramref name="now"/> ends: after the whole of its last day
    /// (the UTC date <paramref name="days"/> days on) has passed everywhere on earth — at noon UTC the next day, midnight
    /// at UTC−12 — so messages never resume on or before the date the page shows, whatever the recipient's time zone.
    /// </summary>
    public static DateTimeOffset PauseEnd(DateTimeOffset now, int days) =>
        new(now.UtcDateTime.Date.AddDays(days + 1).AddHours(12), TimeSpan.Zero);

    /// <summary>The last day a pause ending at <paramref name="until"/> covers (the date the page shows).</summary>
    public static DateTimeOffset LastPausedDay(DateTimeOffset until) => until.AddHours(-36);

    /// <summary>Fills <c>{0}</c> with the account's name and <c>{1}</c> with <paramref name="value"/>.</summary>
    public static string Fill(string text, string name, string value) => OptOutPage.Format(text, name).Replace("{1}", value, StringComparison.Ordinal);

    /// <summary>How French, Italian and Portuguese write the first of a month (1er, 1º): the custom formats have no ordinal.</summary>
    private static string? FirstOfMonth(string language) => language.Split('-')[0] switch
    {
        "fr" => "1er",
        "it" or "pt" => "1º",
        _ => null,
    };

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + old.Length)..];
    }

    /// <summary>A date as the page's language writes it (<see cref="SmsOptOutPageTexts.DateFormat"/>), in UTC.</summary>
    public static string Date(SmsOptOutPageTexts texts, DateTimeOffset at)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(texts.Language);
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.InvariantCulture;
        }

        try
        {
            var date = at.UtcDateTime.ToString(texts.DateFormat, culture);
            return at.UtcDateTime.Day == 1 && FirstOfMonth(texts.Language) is { } first && date.Contains("1 ", StringComparison.Ordinal)
                ? ReplaceFirst(date, "1 ", first + " ")
                : date;
        }
        catch (FormatException)
        {
            return at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }
}
