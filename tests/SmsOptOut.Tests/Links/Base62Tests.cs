using SmsOptOut.Links.Internal;

namespace SmsOptOut.Tests.Links;

public class Base62Tests
{
    [Fact]
    public void Every_byte_string_round_trips_through_exactly_one_encoding()
    {
        var random = new Random(7);
        for (var length = 0; length <= 40; length++)
        {
            for (var sample = 0; sample < 50; sample++)
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                if (sample == 0)
                {
                    Array.Fill(bytes, (byte)0xFF);
                }

                var text = new string('\0', Base62.EncodedLength(length));
                var chars = text.ToCharArray();
                Base62.Encode(bytes, chars);
                var decoded = new byte[Base62.DecodedLength(chars.Length)];

                Base62.TryDecode(chars, decoded).Should().BeTrue();
                decoded.Should().Equal(bytes);
                new string(chars).Should().MatchRegex("^[0-9A-Za-z]*$");
            }
        }
    }

    [Fact]
    public void Packing_gives_distinct_values_to_distinct_short_tokens_and_refuses_the_rest()
    {
        var random = new Random(11);
        var texts = new HashSet<string>(StringComparer.Ordinal) { "0", "00", "0000000000", "zzzzzzzzzz", "z", "0z", "z0" };
        while (texts.Count < 20_000)
        {
            texts.Add(Base62.Random(random.Next(1, Base62.MaxPackedLength + 1)));
        }

        var packed = new Dictionary<ulong, string>();
        foreach (var text in texts)
        {
            Base62.TryPack(text, out var value).Should().BeTrue(text);
            packed.TryAdd(value, text).Should().BeTrue($"'{text}' and '{packed.GetValueOrDefault(value)}' must not share a value");
        }

        foreach (var refused in new[] { "", "zzzzzzzzzzz", "A-", "é", "A B" })
        {
            Base62.TryPack(refused, out _).Should().BeFalse($"'{refused}' is not 1 to 10 base62 characters");
        }
    }

    [Fact]
    public void Encodings_of_values_too_large_for_their_chunk_are_refused()
    {
        Base62.DecodedLength(11).Should().Be(8);
        Base62.TryDecode("zzzzzzzzzzz", new byte[8]).Should().BeFalse("62^11 - 1 is above 2^64 - 1");
        Base62.TryDecode("zz", new byte[1]).Should().BeFalse("62^2 - 1 is above 255");
        Base62.DecodedLength(4).Should().Be(-1, "no byte count encodes to 4 characters");
        Base62.DecodedLength(1).Should().Be(-1);
    }
}
