using System.Text.RegularExpressions;

namespace SmsOptOut.Tool.Cli;

/// <summary>
/// Turns the library's C# property paths (<c>SmsOptOutOptions.DataProtection.PseudonymKeys</c>) in its messages into
/// what an operator sets: the configuration key (<c>SmsOptOut:DataProtection:PseudonymKeys</c>) and the environment
/// variable (<c>SmsOptOut__DataProtection__PseudonymKeys__0__Secret</c>).
/// </summary>
internal static partial class ConfigurationNames
{
    /// <summary>The configuration key of a property path below <c>SmsOptOutOptions</c> (<c>DataProtection.PseudonymKeys[0].Secret</c>).</summary>
    public static string Key(string path) => "SmsOptOut:" + Index().Replace(path, ":$1").Replace('.', ':');

    /// <summary>The environment variable of a configuration key.</summary>
    public static string Environment(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Rewrites every <c>SmsOptOutOptions.X.Y</c> in <paramref name="message"/> as its configuration key, and names the environment variable of pseudonym keys.</summary>
    public static string Rewrite(string message)
    {
        var text = OptionsPath().Replace(message, m => Key(m.Groups[1].Value));
        if (text.Contains("SmsOptOut:DataProtection:PseudonymKeys", StringComparison.Ordinal) && !text.Contains("__", StringComparison.Ordinal))
        {
            text += " (in the environment: SmsOptOut__DataProtection__PseudonymKeys__0__Secret, and __Id for an id other than 1)";
        }

        return text;
    }

    [GeneratedRegex(@"SmsOptOutOptions\.([A-Za-z][A-Za-z0-9_.\[\]]*[A-Za-z0-9\]])")]
    private static partial Regex OptionsPath();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Index();
}
