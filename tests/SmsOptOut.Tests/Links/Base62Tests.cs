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
    public void Encodings_of_values_too_large_for_their_chunk_are_refused()
    {
        Base62.DecodedLength(11).Should().Be(8);
        Base62.TryDecode("zzzzzzzzzzz", new byte[8]).Should().BeFalse("62^11 - 1 is above 2^64 - 1");
        Base62.TryDecode("zz", new byte[1]).Should().BeFalse("62^2 - 1 is above 255");
        Base62.DecodedLength(4).Should().Be(-1, "no byte count encodes to 4 characters");
        Base62.DecodedLength(1).Should().Be(-1);
    }
}
