namespace SmsOptOut.Tool.Doctor;

/// <summary>The answer of <c>doctor</c>: every check, and whether all passed.</summary>
internal sealed record DoctorAnswer(int Version, bool Healthy, IReadOnlyList<DoctorCheck> Checks);

/// <summary>One check: what was checked, its verdict (<c>ok</c>, <c>warning</c>, <c>failed</c>), and what was found, in words.</summary>
internal sealed record DoctorCheck(string Name, string Verdict, string Detail)
{
    public const string Ok = "ok";
    public const string Warning = "warning";
    public const string Failed = "failed";
}
