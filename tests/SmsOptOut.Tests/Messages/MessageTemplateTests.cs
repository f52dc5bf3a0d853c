using SmsOptOut.Messages;

namespace SmsOptOut.Tests.Messages;

public class MessageTemplateTests
{
    [Fact]
    public void Renders_every_optout_placeholder_with_the_link()
    {
        var template = MessageTemplate.Parse("Sale! {optout} or {OptOut} — {{literal}} braces}}");

        template.HasOptOutLink.Should().BeTrue();
        template.OptOutLinkCount.Should().Be(2);
        template.Render("https://o.example/u/abc").Should().Be("Sale! https://o.example/u/abc or https://o.example/u/abc — {literal} braces}");
    }

    [Fact]
    public void A_template_without_placeholder_renders_as_is_for_a_single_number()
    {
        var template = MessageTemplate.Parse("Your code is 1234. Reply STOP to opt out.");

        template.HasOptOutLink.Should().BeFalse();
        template.RenderWithoutLink().Should().Be("Your code is 1234. Reply STOP to opt out.");
    }

    [Fact]
    public void The_opt_out_link_is_refused_for_a_single_number()
    {
        var template = MessageTemplate.Parse("Hi! Unsubscribe: {optout}");

        FluentActions.Invoking(() => template.RenderWithoutLink())
            .Should().Throw<OptOutLinkRequiresListException>()
            .WithMessage("*only available when sending to a list*");
    }

    [Theory]
    [InlineData("Stop: {optuot}", 6, "Did you mean {optout}?")]
    [InlineData("Stop: {opt_out}", 6, "Did you mean {optout}?")]
    [InlineData("Stop: {optout", 6, "never closed")]
    [InlineData("Stop: {optout {optout}", 6, "never closed")]
    [InlineData("Hi {first_name}, bye", 3, "not a known placeholder")]
    [InlineData("Code SAVE10} now", 11, "closes no placeholder")]
    [InlineData("Empty {} here", 6, "not a known placeholder")]
    public void Unknown_or_malformed_placeholders_are_reported_with_their_position(string text, int position, string message)
    {
        MessageTemplate.TryParse(text, out var template, out var errors).Should().BeFalse();

        template.Should().BeNull();
        errors.Should().Contain(e => e.Position == position && e.Message.Contains(message));
        FluentActions.Invoking(() => MessageTemplate.Parse(text)).Should().Throw<MessageTemplateException>()
            .Which.Errors.Should().BeEquivalentTo(errors);
    }

    [Fact]
    public void Measurement_says_when_the_link_adds_a_segment()
    {
        var link = "https://opt.example/u/Ab3dE5gH7j";
        var fits = MessageTemplate.Parse(new string('a', 100) + " {optout}");
        var spills = MessageTemplate.Parse(new string('a', 140) + " {optout}");

        fits.Measure(link).Should().Be(new TemplateMeasurement(new SmsSegmentInfo(SmsEncoding.Gsm7, 101 + link.Length, 1), new SmsSegmentInfo(SmsEncoding.Gsm7, 101, 1)));
        fits.Measure(link).LinkAddsSegment.Should().BeFalse();
        spills.Measure(link).LinkAddsSegment.Should().BeTrue();
        spills.Measure(link.Length).WithLink.Segments.Should().Be(2);
    }

    [Fact]
    public void Rendering_with_a_UCS2_template_keeps_the_link_intact()
    {
        var template = MessageTemplate.Parse("Oferta 🎉 {optout}");

        template.Render("https://o.example/u/x").Should().Be("Oferta 🎉 https://o.example/u/x");
        template.Measure("https://o.example/u/x").WithLink.Encoding.Should().Be(SmsEncoding.Ucs2);
    }
}
