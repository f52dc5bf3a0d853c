using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using SmsOptOut.Consent;
using SmsOptOut.Internal;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// The state of the list of suppressed numbers: filters that hold no number travel in the query string as typed
/// (source, scope, list, days); the number searched for and the page's position, which hold a number, travel as
/// protected references (<c>q</c>, <c>after</c>). A list id that reads as a phone number is refused: it would be a number in a URL.
/// </summary>
internal sealed record ListQuery
{
    public const int PageSize = 50;

    public OptOutSource? Source { get; init; }

    public SuppressionScope? Scope { get; init; }

    public ListId? List { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>The number searched for, and its reference (<c>q</c>).</summary>
    public (PhoneNumber Number, string Reference)? Search { get; init; }

    /// <summary>Where the page starts, and its reference (<c>after</c>).</summary>
    public (SuppressionListCursor Cursor, string Reference)? After { get; init; }

    /// <summary>The page's number, for the reader (1 for the first page).</summary>
    public int Page { get; init; } = 1;

    /// <summary>Whether any filter is set (the position aside).</summary>
    public bool Filtered => Source is not null || Scope is not null || List is not null || From is not null || To is not null || Search is not null;

    /// <summary>The store's filter: typed days read in the dashboard's zone, <see cref="To"/> included.</summary>
    public SuppressionFilter Filter(DashboardTime time) => new()
    {
        Number = Search?.Number,
        Source = Source,
        Scope = Scope,
        List = List,
        SinceFrom = From is { } from ? time.StartOf(from) : null,
        SinceBefore = To is { } to ? time.StartOf(to.AddDays(1)) : null,
    };

    /// <summary>The query string of this state (after <c>account=</c>), without the position unless <paramref name="withPosition"/>.</summary>
    public string QueryString(bool withPosition = false)
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("source", Source is { } source ? Labels.Code(source) : null);
        Add("scope", Scope switch { SuppressionScope.Account => "account", SuppressionScope.List => "list", _ => null });
        Add("list", List?.Value);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("q", Search?.Reference);
        if (withPosition)
        {
            Add("after", After?.Reference);
            Add("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null);
        }

        return query.ToString();
    }

    /// <summary>
    /// Reads the filters that hold no number (from a query string or a form), checked; returns the error to show
    /// when one is not a value the list takes. <paramref name="region"/> is the default region numbers are read in.
    /// </summary>
    public static (ListQuery? Query, string? Error) Parse(Func<string, string> field, string? region)
    {
        var query = new ListQuery();
        var source = field("source").Trim();
        if (source.Length > 0)
        {
            if (Labels.SourceOf(source) is not { } known)
            {
                return (null, "Unknown source: choose one from the list.");
            }

            query = query with { Source = known };
        }

        switch (field("scope").Trim())
        {
            case "":
                break;
            case "account":
                query = query with { Scope = SuppressionScope.Account };
                break;
            case "list":
                query = query with { Scope = SuppressionScope.List };
                break;
            default:
                return (null, "Unknown scope: whole account or lists.");
        }

        var list = field("list").Trim();
        if (list.Length > 0)
        {
            if (PhoneNumber.TryParse(list, region, out _, out _))
            {
                return (null, "The list reads as a phone number, which is never put in a URL: type numbers in the Number field.");
            }

            try
            {
                query = query with { List = new ListId(list) };
            }
            catch (ArgumentException)
            {
                return (null, "A list id is 1 to 128 printable characters.");
            }

            if (query.Scope == SuppressionScope.Account)
            {
                return (null, "A list's suppressions are not account-wide: choose the list scope, or no scope.");
            }
        }

        foreach (var (name, label) in new[] { ("from", "From"), ("to", "To") })
        {
            var text = field(name).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 1900 || day.Year > 9000)
            {
                return (null, $"{label} is not a date (yyyy-mm-dd).");
            }

            query = name == "from" ? query with { From = day } : query with { To = day };
        }

        if (query.From > query.To)
        {
            return (null, "From is after To.");
        }

        return (query, null);
    }

    /// <summary>The page number a query string asks for (display only: the position is the cursor).</summary>
    public static int PageOf(HttpRequest request) =>
        int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is > 1 and < 100_000_000 ? page : 1;
}
