using System.Reflection;
using System.Runtime.CompilerServices;

namespace SmsOptOut.Storage.SampleAdapter.Tests;

/// <summary>The sample adapter proves the public API suffices to write an adapter only while no SmsOptOut assembly grants it internals.</summary>
public sealed class ThirdPartyAccessTests
{
    [Fact]
    public void No_SmsOptOut_assembly_grants_the_sample_adapter_its_internals()
    {
        var self = typeof(ThirdPartyAccessTests).Assembly.GetName().Name!;
        var friends = typeof(SmsOptOutOptions).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();

        friends.Should().NotBeEmpty("the core grants its own test assemblies access, so the attribute is read");
        friends.Should().NotContain(name => name.StartsWith(self, StringComparison.Ordinal));
    }
}
