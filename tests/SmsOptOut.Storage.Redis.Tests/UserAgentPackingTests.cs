using System.Security.Cryptography;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.Redis.Internal;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// How an event record keeps its user agent (key layout 5): the fragments every browser repeats as one byte each, any
/// text read back exactly, the table fixed, and the records of layout 4 (plain UTF-8) still read.
/// </summary>
public sealed class UserAgentPackingTests
{
    /// <summary>Real user agents of the browsers that open opt-out links, with the most bytes each may take packed.</summary>
    public static TheoryData<string, int> Browsers => new()
    {
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", 16 },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1.1 Mobile/15E148 Safari/604.1", 20 },
        { "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", 20 },
        { "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", 40 },
        { "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36", 70 },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", 30 },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 355.0.0.22.104 (iPhone14,5; iOS 17_5; en_US; en; scale=3.00; 1170x2532; 665064563)", 115 },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", 20 },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", 40 },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", 16 },
    };

    [Theory]
    [MemberData(nameof(Browsers))]
    public void A_browsers_user_agent_reads_back_exactly_in_a_fraction_of_its_bytes(string userAgent, int most)
    {
        var packed = UserAgentPacking.Pack(userAgent);

        UserAgentPacking.Unpack(packed).Should().Be(userAgent);
        packed.Length.Should().BeLessThanOrEqualTo(most, $"{userAgent.Length} characters, packed");
    }

    [Theory]
    [InlineData("")]
    [InlineData("curl/8.5.0")]
    [InlineData("Mozilla/5.0 (")]
    [InlineData("Mozilla/5.0 (Mozilla/5.0 (Mozilla/5.0 (")]
    [InlineData("Mozilla/5.0 (\0; \u0001\u001f\t\r\n)")]
    [InlineData("\0\0\0")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) ÄpplëWebKït 🙂 – 中文 Safari/604.1")]
    [InlineData(" Version/ Version/ Mobile/15E148 Mobile/15E148")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome")]
    [InlineData("; rv; rv:; r; K; K)")]
    public void Any_text_reads_back_exactly(string userAgent) =>
        UserAgentPacking.Unpack(UserAgentPacking.Pack(userAgent)).Should().Be(userAgent);

    [Fact]
    public void A_huge_user_agent_made_of_fragments_and_text_reads_back_exactly()
    {
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < 200_000; i++)
        {
            builder.Append(UserAgentPacking.Fragments[i % UserAgentPacking.Fragments.Length]).Append((char)(i % 40)).Append('ü').Append(i);
        }

        var text = builder.ToString();

        UserAgentPacking.Unpack(UserAgentPacking.Pack(text)).Should().Be(text);
    }

    [Fact]
    public void Bytes_that_end_inside_an_escape_or_name_an_unknown_fragment_are_refused()
    {
        var endsInEscape = () => UserAgentPacking.Unpack([0x41, 0x00]);
        var unknown = () => UserAgentPacking.Unpack([0x41, 0x1F]);

        endsInEscape.Should().Throw<FormatException>().WithMessage("*ends inside an escape*");
        unknown.Should().Throw<FormatException>().WithMessage("*fragment 31*does not know*");
    }

    [Fact]
    public void The_table_is_the_one_records_were_written_with()
    {
        // Records in Redis name fragments by their place: changing, removing or reordering an entry would read them back
        // wrong. Add new fragments at the end only (up to 31), and then extend this digest with the new entries alone.
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', UserAgentPacking.Fragments.Take(27)))));

        digest.Should().Be(TableDigest);
        UserAgentPacking.Fragments.Should().HaveCountLessThanOrEqualTo(31).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_record_keeps_its_user_agent_packed_and_reads_it_back()
    {
        var plain = RedisEventRecord.Decode(Acme, Convert.FromHexString(Layout4Record)).Event;

        var record = RedisEventRecord.Encode(plain, Salt);
        var (read, salt) = RedisEventRecord.Decode(Acme, record);

        read.Should().Be(plain);
        salt.Should().Equal(Salt);
        record.Length.Should().BeLessThan(Layout4Record.Length / 2 - 100, "the 130-byte user agent takes 15");
    }

    [Fact]
    public void A_record_written_by_layout_4_with_its_user_agent_in_plain_text_still_reads()
    {
        var (e, salt) = RedisEventRecord.Decode(Acme, Convert.FromHexString(Layout4Record));

        e.EventId.Should().Be("evt_0193a1b2c3d4e5f60718293a4b5c6d7e");
        e.Number.Should().Be(PhoneNumber.Parse("+12125550123"));
        (e.List, e.Campaign).Should().Be((new ListId("news"), new CampaignId("spring")));
        e.Evidence.Should().Be(new ConsentEvidence
        {
            LinkToken = "Qx7Fh2Lm9", IpAddress = "203.0.113.45", PageUrl = "https://opt.example.com/u/Qx7Fh2Lm9",
            UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        });
        salt.Should().Equal(Salt);
    }

    private static readonly AccountId Acme = new("acme");

    private static readonly byte[] Salt = Convert.FromHexString("00112233445566778899aabbccddeeff");

    /// <summary>A link opt-out's record as key layout 4 wrote it (the encoder of commit 98cb824), its user agent in UTF-8.</summary>
    private const string Layout4Record =
        "0011010193a1b2c3d4e5f60718293a4b5c6d7e010102abecf4952d80b8e9dddaf1d3ef0880b4891313046e65777306737072696e671000112233445566778899aabbccddeefff009095178374668324c6d3987014d6f7a696c6c612f352e3020286950686f6e653b20435055206950686f6e65204f532031375f35206c696b65204d6163204f53205829204170706c655765624b69742f3630352e312e313520284b48544d4c2c206c696b65204765636b6f292056657273696f6e2f31372e35204d6f62696c652f313545313438205361666172692f3630342e310c3230332e302e3131332e34351a68747470733a2f2f6f70742e6578616d706c652e636f6d2f752f";

    private const string TableDigest = "3b3c6450f13a05b0c44c6a9a0db0620e2634b956ce55e16f371f7bd70b235792";
}
