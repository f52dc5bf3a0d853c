namespace SmsOptOut.Tool.Doctor;

/// <summary>The answer of <c>doctor</c>: every check, and whether all passed.</summary>
internal sealed record DoctorAnswer(bool Healthy, IReadOnlyList<DoctorCheck> Checks);

/// <summary>One check: what was checked, whether it passed (or only warns), and what was found, in words.</summary>
internal sealed record DoctorCheck(string Name, DoctorVerdict Verdict, string Detail);

/// <summary>The outcome of one check.</summary>
internal enum DoctorVerdict
{
    Ok,
    Warning,
    Failed,
}
