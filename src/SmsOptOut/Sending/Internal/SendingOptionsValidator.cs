using System.Text.RegularExpressions;

namespace SmsOptOut.Sending.Internal;

/// <summary>Checks sending options at startup.</summary>
internal static class SendingOptionsValidator
{
    public static void Validate(SendingOptions options, List<string> failures)
    {
        const string Path = "SmsOptOutOptions.Sending";
        if (!Enum.IsDefined(options.OptOutPolicy))
        {
            failures.Add($"{Path}.OptOutPolicy {(int)options.OptOutPolicy} is not Off, Warn or Enforce.");
        }

        for (var i = 0; i < options.QuietHours.Count; i++)
        {
            ValidateQuietHours(options.QuietHours[i], $"{Path}.QuietHours[{i}]", failures);
        }

        for (var i = 0; i < options.FrequencyCaps.Count; i++)
        {
            ValidateFrequencyCap(options.FrequencyCaps[i], $"{Path}.FrequencyCaps[{i}]", failures);
        }

        if (options.SchedulerInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Path}.SchedulerInterval {options.SchedulerInterval} must be positive.");
        }

        if (!Enum.IsDefined(options.SenderIdentificationPolicy))
        {
            failures.Add($"{Path}.SenderIdentificationPolicy {(int)options.SenderIdentificationPolicy} is not Off, Warn or Enforce.");
        }

        if (options.SenderIdentity.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            failures.Add($"{Path}.SenderIdentity.Name is blank; set the brand messages name, or null for the account id.");
        }

        if (options.SenderIdentity.IdentificationText is { } text && (string.IsNullOrWhiteSpace(text) || text.Length > 320))
        {
            failures.Add($"{Path}.SenderIdentity.IdentificationText must be 1 to 320 characters of text, or null; it is {text.Length} characters{(string.IsNullOrWhiteSpace(text) ? " of white space" : string.Empty)}.");
        }

        try
        {
            _ = new Regex(options.OptOutInstructionPattern ?? string.Empty, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            failures.Add($"{Path}.OptOutInstructionPattern is not a valid regular expression: {e.Message}");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{Path}.BatchSize {options.BatchSize} must be 1 to 10,000.");
        }

        if (options.MaxConcurrency is < 1 or > 1_000)
        {
            failures.Add($"{Path}.MaxConcurrency {options.MaxConcurrency} must be 1 to 1,000.");
        }

        if (!Enum.IsDefined(options.DefaultPurpose))
        {
            failures.Add($"{Path}.DefaultPurpose {(int)options.DefaultPurpose} is not Marketing, Informational or Transactional.");
        }

        foreach (var (purpose, rules) in options.PurposeRules)
        {
            if (!Enum.IsDefined(purpose) || (rules & ~SendRules.All) != 0)
            {
                failures.Add($"{Path}.PurposeRules[{purpose}] = {(int)rules}: expected a purpose (Marketing, Informational, Transactional) and rules combining QuietHours, DoNotCallRegistry, FrequencyCaps, SenderIdentification and OptOutMechanism.");
            }
        }

        if (options.MessagesPerSecond is { } rate && (rate <= 0 || double.IsNaN(rate) || double.IsInfinity(rate)))
        {
            failures.Add($"{Path}.MessagesPerSecond {rate} must be a positive number, or null for no limit.");
        }
    }

    public static void ValidateFrequencyCap(FrequencyCap? cap, string path, List<string> failures)
    {
        if (cap is null)
        {
            failures.Add($"{path} is null; expected a cap such as FrequencyCap.Florida.");
            return;
        }

        if (cap.Messages is < 1 or > 1_000)
        {
            failures.Add($"{path}.Messages {cap.Messages} must be 1 to 1,000.");
        }

        if (cap.Window <= TimeSpan.Zero || cap.Window > SendLedgerArguments.MaxSendWindow)
        {
            failures.Add($"{path}.Window {cap.Window} must be more than zero and at most {SendLedgerArguments.MaxSendWindow.TotalDays} days.");
        }

        if (!Enum.IsDefined(cap.Scope))
        {
            failures.Add($"{path}.Scope {(int)cap.Scope} is not Account, List or Sender.");
        }

        if (string.IsNullOrWhiteSpace(cap.Name))
        {
            failures.Add($"{path}.Name is blank; it is reported with every skipped recipient.");
        }

        if (cap.Region is { } region && !Numbers.Internal.PhoneNumberParser.IsKnownRegion(region))
        {
            failures.Add($"{path}.Region '{region}' is not an ISO 3166-1 region code known to phone numbering; expected for example US, or null for every number.");
        }

        ValidateNumbers(cap.Region, cap.States, cap.AreaCodes, path, failures);
    }

    /// <summary>The states and area codes of a rule or a cap: USPS codes with Region US, area codes with Region US or CA, neither empty.</summary>
    private static void ValidateNumbers(string? region, IReadOnlySet<string>? states, IReadOnlySet<int>? areaCodes, string path, List<string> failures)
    {
        if (states is not null)
        {
            if (!string.Equals(region, "US", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{path}.States name US states and need Region US; Region is {(region is null ? "null" : $"'{region}'")}.");
            }

            if (states.Count == 0)
            {
                failures.Add($"{path}.States is empty; expected USPS codes such as FL, or null for every state.");
            }

            foreach (var state in states.Where(s => !Numbers.Internal.UnitedStatesCodes.IsCode(s)))
            {
                var hint = state is { Length: 5 } && state.StartsWith("US-", StringComparison.OrdinalIgnoreCase) ? $" (write {state[3..].ToUpperInvariant()})"
                    : state is { Length: 2 } && Numbers.Internal.UnitedStatesCodes.IsCode(state.ToUpperInvariant()) ? $" (write {state.ToUpperInvariant()})" : string.Empty;
                failures.Add($"{path}.States '{state}' is not a state; expected a two-letter USPS code in upper case, one of the 50 states or DC, such as FL{hint}.");
            }

            try
            {
                _ = Numbers.Internal.AreaCodeStates.Instance; // read once, here at startup rather than at the first send
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{path}.States cannot be applied: {e.Message}");
            }
        }

        var northAmerican = string.Equals(region, "US", StringComparison.OrdinalIgnoreCase) || string.Equals(region, "CA", StringComparison.OrdinalIgnoreCase);
        if (areaCodes is not null && (areaCodes.Count == 0 || !northAmerican || areaCodes.Any(c => c is < 200 or > 999)))
        {
            failures.Add($"{path}.AreaCodes hold North American area codes (200 to 999), at least one, and need Region US or CA.");
        }
    }

    public static void ValidateQuietHours(QuietHoursRule? rule, string path, List<string> failures)
    {
        if (rule is null)
        {
            failures.Add($"{path} is null; expected a rule such as QuietHoursRule.UnitedStatesFederal.");
            return;
        }

        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            failures.Add($"{path}.Name is empty; name the rule (deferrals report it).");
        }

        if (rule.Earliest >= rule.Latest)
        {
            failures.Add($"{path} allows {rule.Earliest:HH\\:mm} to {rule.Latest:HH\\:mm}; expected Earliest before Latest (a window within one local day).");
        }

        if (rule.Weekdays is { } days)
        {
            foreach (var (day, window) in days)
            {
                if (!Enum.IsDefined(day) || (window is { } w && w.Earliest >= w.Latest))
                {
                    failures.Add($"{path}.Weekdays[{day}] allows {window?.Earliest:HH\\:mm} to {window?.Latest:HH\\:mm}; expected a weekday and Earliest before Latest, or null for a closed day.");
                }
            }

            if (Enum.GetValues<DayOfWeek>().All(d => rule.WindowOn(d) is null))
            {
                failures.Add($"{path}.Weekdays closes every day of the week; expected at least one open day.");
            }
        }

        if (rule.Region is { } region && !Numbers.Internal.PhoneNumberParser.IsKnownRegion(region))
        {
            failures.Add($"{path}.Region '{region}' is not an ISO 3166-1 region code known to phone numbering; expected for example US, or null for every number.");
        }

        ValidateNumbers(rule.Region, rule.States, rule.AreaCodes, path, failures);
        if (rule.Clocks is { } clocks)
        {
            if (clocks.Count == 0)
            {
                failures.Add($"{path}.Clocks is empty; expected at least one clock, or null for the recipient's local time.");
            }

            for (var i = 0; i < clocks.Count; i++)
            {
                if (clocks[i] is { } windows && RuleClocks.IsWindowsIdWithDaylightSaving(windows))
                {
                    TimeZoneInfo.TryConvertWindowsIdToIanaId(windows, out var iana);
                    failures.Add($"{path}.Clocks[{i}] '{windows}' is a Windows time zone id, which follows daylight saving; write a fixed offset such as UTC-06:00 " +
                        $"for a clock without it (a law's \"Central Standard Time\" is UTC-06:00 all year), or the IANA id {iana} for the local clock.");
                }
                else if (!RuleClocks.TryResolve(clocks[i], out _))
                {
                    failures.Add($"{path}.Clocks[{i}] '{clocks[i]}' is not a clock; expected {QuietHoursRule.RecipientLocalTime} (the recipient's local time), " +
                        "a fixed offset such as UTC-06:00 (hours and minutes, at most 14 hours), or a time zone id this machine knows such as America/Chicago.");
                }
            }
        }

        if (rule.Senders == SenderTypes.None || (rule.Senders & ~SenderTypes.All) != 0)
        {
            failures.Add($"{path}.Senders {(int)rule.Senders} must combine LongCode, TollFree, ShortCode, Alphanumeric and Unspecified (All, the default, for every send).");
        }
    }
}
