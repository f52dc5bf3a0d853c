namespace SmsOptOut.Privacy;

/// <summary>What a person asked for, in a <see cref="DataSubjectRequest"/>. The values are stored: they never change.</summary>
public enum DataSubjectRequestKind
{
    /// <summary>A copy of what is held about them (GDPR Art. 15, CCPA's request to know, PIPEDA s. 8, Québec s. 27): answered by <see cref="IDataSubjectService.WriteAccessReportAsync"/>.</summary>
    Access = 0,

    /// <summary>To be erased (GDPR Art. 17, CCPA's request to delete): answered by <see cref="IDataSubjectService.EraseAsync"/>, which closes the request itself.</summary>
    Erasure = 1,

    /// <summary>
    /// An objection to direct marketing (GDPR and UK GDPR Art. 21(2)–(3)), under those two laws only, where the one month
    /// of Art. 12(3) covers it. Record the opt-out itself at once through <c>IOptOutService</c>; this request tracks the
    /// answer owed to the person.
    /// </summary>
    Objection = 2,
}
