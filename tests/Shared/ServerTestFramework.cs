using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// xunit's test framework plus one step: after the last test of the assembly, before xunit reports the assembly
/// finished, it stops every server the assembly started (<see cref="OwnedServers.StopAll"/>) and waits until they are
/// gone. Later would be too late: once the run is reported complete, vstest ends the test host within a few hundred
/// milliseconds, so neither the framework's disposal nor <see cref="AppDomain.ProcessExit"/> reliably gets to finish
/// (the watchdogs then stop the servers, just after <c>dotnet test</c> returns). xunit 2 has no assembly fixtures;
/// <see cref="XunitTestAssemblyRunner"/>'s <c>BeforeTestAssemblyFinishedAsync</c> is the hook it offers. Registered by
/// the projects that set <c>StartsTestServers</c> (tests/Directory.Build.props).
/// </summary>
public sealed class ServerTestFramework : XunitTestFramework
{
    /// <summary>Creates the framework.</summary>
    /// <param name="messageSink">xunit's diagnostic message sink.</param>
    public ServerTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
    }

    /// <inheritdoc/>
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // async void as in the base class: xunit reports completion through the message sink.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await Task.Run(OwnedServers.StopAll);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
