using System.Globalization;
using System.Text.Json;

namespace SmsOptOut.Providers;

/// <summary>Reads values from a provider's JSON webhook or answer by path, for provider authors; a missing value is named by its path.</summary>
public static class ProviderJson
{
    /// <summary>The text of the value at <paramref name="path"/> (a number or boolean as its JSON text), or <see langword="null"/> when there is none.</summary>
    /// <param name="root">The document's root.</param>
    /// <param name="path">Property names, and array indexes as digits, from the root down: <c>"data", "payload", "to", "0", "phone_number"</c>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static string? Find(JsonElement root, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var element = root;
        foreach (var name in path)
        {
            if (element.ValueKind == JsonValueKind.Array && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (index >= element.GetArrayLength())
                {
                    return null;
                }

                element = element[index];
            }
            else if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => null,
        };
    }

    /// <summary>The text at <paramref name="path"/>, which the provider always sends.</summary>
    /// <param name="root">The document's root.</param>
    /// <param name="path">The path, as for <see cref="Find"/>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">There is no such value; the message names the path, as <c>data.payload.to[0].phone_number</c>.</exception>
    public static string Require(JsonElement root, params string[] path) =>
        Find(root, path) ?? throw new ArgumentException($"\"{Describe(path)}\" is missing; expected a text or number value there.");

    /// <summary>A path written as JavaScript would: <c>data.payload.to[0].phone_number</c>.</summary>
    /// <param name="path">The path.</param>
    /// <returns>Its text.</returns>
    public static string Describe(params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return string.Concat(path.Select((p, i) => p.All(char.IsAsciiDigit) ? $"[{p}]" : i == 0 ? p : "." + p));
    }
}
