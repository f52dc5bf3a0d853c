using System.IO.Compression;

namespace SmsOptOut.Numbers.Internal;

/// <summary>
/// The US states of each North American area code, taken from libphonenumber's offline geocoding data: the English
/// descriptions for country code 1 (upstream <c>resources/geocoding/en/1.txt</c> of google/libphonenumber, Apache
/// License 2.0), which libphonenumber-csharp ships inside its assembly as the resource <see cref="Resource"/> and reads
/// with its public <see cref="PhoneNumbers.BuildPrefixMapFromBin.ReadAreaCodeMap"/>. Built once, on first use (a
/// rule naming states), and kept for the life of the process.
/// <para>
/// An entry describes an area code ("1305" → "Florida") or a part of one down to an exchange ("1201631" → "New York,
/// NY"); a description is a state's name or a place followed by the state's USPS code. An area code belongs to
/// <b>every</b> state any of its entries names, so a rule for any of them covers the whole area code and the strictest
/// applies: the data names one exchange of New Jersey's 201 in New York, so 201 counts for both. Descriptions naming no
/// state (Canadian provinces, Caribbean islands) are kept in <see cref="Unplaced"/>. An area code without entries —
/// toll-free 8XX, 500-series personal numbers, 900, an overlay newer than the data — belongs to no state: state rules do
/// not cover it (region-wide rules still do), and a host can add it to a rule with <c>AreaCodes</c>.
/// </para>
/// </summary>
internal sealed class AreaCodeStates
{
    /// <summary>The manifest resource of libphonenumber-csharp with the English geocoding data of country code 1.</summary>
    public const string Resource = "PhoneNumbers.geocoding.en.1";

    private static readonly Lazy<AreaCodeStates> Data = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string[]?[] _states = new string[]?[1000];

    private AreaCodeStates()
    {
    }

    /// <summary>The table, read from the data the first time it is asked for.</summary>
    public static AreaCodeStates Instance => Data.Value;

    /// <summary>Per area code, the descriptions that name no US state (Canada, the Caribbean), for tests and diagnostics.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Unplaced { get; private set; } = new Dictionary<int, IReadOnlyList<string>>();

    /// <summary>How many entries of the data were read.</summary>
    public int Entries { get; private set; }

    /// <summary>The USPS codes of the states the data places <paramref name="areaCode"/> in: none, one, or more than one.</summary>
    /// <param name="areaCode">A North American area code (200 to 999).</param>
    /// <returns>The codes, in alphabetical order; empty when the data places the area code in no state.</returns>
    public IReadOnlyList<string> Of(int areaCode) => areaCode is >= 0 and < 1000 && _states[areaCode] is { } states ? states : [];

    /// <summary>The area codes the data places (also) in <paramref name="state"/>.</summary>
    /// <param name="state">A USPS code such as <c>FL</c>.</param>
    /// <returns>The area codes, ascending.</returns>
    public IEnumerable<int> AreaCodesOf(string state)
    {
        for (var code = 0; code < _states.Length; code++)
        {
            if (_states[code] is { } states && states.Contains(state, StringComparer.Ordinal))
            {
                yield return code;
            }
        }
    }

    /// <summary>Reads the table from libphonenumber-csharp's resource.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing or unreadable (a libphonenumber-csharp that ships other data).</exception>
    public static AreaCodeStates Load()
    {
        var assembly = typeof(PhoneNumbers.PhoneNumberOfflineGeocoder).Assembly;
        try
        {
            using var compressed = assembly.GetManifestResourceStream(Resource)
                ?? throw new InvalidOperationException($"libphonenumber-csharp {assembly.GetName().Version} has no resource '{Resource}'.");
            using var data = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionMode.Decompress))
            {
                gzip.CopyTo(data);
            }

            data.Position = 0;
            return FromEntries(PhoneNumbers.BuildPrefixMapFromBin.ReadAreaCodeMap(data));
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"The states of North American area codes could not be read from libphonenumber's geocoding data ('{Resource}' in libphonenumber-csharp " +
                $"{assembly.GetName().Version}); quiet-hours rules and frequency caps that name States cannot be applied. {e.Message}", e);
        }
    }

    /// <summary>The table from geocoding entries: prefix (<c>1</c>, the area code, and more digits or none) → description.</summary>
    internal static AreaCodeStates FromEntries(IEnumerable<KeyValuePair<int, string>> entries)
    {
        var table = new AreaCodeStates();
        var states = new SortedSet<string>?[1000];
        var unplaced = new Dictionary<int, List<string>>();
        foreach (var (prefix, description) in entries)
        {
            table.Entries++;
            var areaCode = AreaCodeOf(prefix);
            if (areaCode < 0)
            {
                continue;
            }

            if (StateOf(description) is { } state)
            {
                (states[areaCode] ??= new SortedSet<string>(StringComparer.Ordinal)).Add(state);
            }
            else
            {
                if (!unplaced.TryGetValue(areaCode, out var list))
                {
                    unplaced[areaCode] = list = [];
                }

                list.Add(description);
            }
        }

        for (var code = 0; code < states.Length; code++)
        {
            table._states[code] = states[code] is { } set ? [.. set] : null;
        }

        table.Unplaced = unplaced.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value);
        return table;
    }

    /// <summary>The USPS code a description names: a state's name ("Florida"), or a place and a code ("Miami, FL"); otherwise null.</summary>
    internal static string? StateOf(string description)
    {
        if (UnitedStatesCodes.ByName.TryGetValue(description, out var code))
        {
            return code;
        }

        var comma = description.LastIndexOf(", ", StringComparison.Ordinal);
        return comma >= 0 && description.Length - comma == 4 && UnitedStatesCodes.IsCode(description[(comma + 2)..]) ? description[(comma + 2)..] : null;
    }

    /// <summary>The area code of a prefix of country code 1 (1NXX…), or -1 for a prefix shorter than an area code.</summary>
    private static int AreaCodeOf(int prefix)
    {
        if (prefix < 1000)
        {
            return -1;
        }

        while (prefix >= 10_000)
        {
            prefix /= 10;
        }

        return prefix is >= 1000 and < 2000 ? prefix - 1000 : -1;
    }
}
