using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.Accounts;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Where accounts' settings come from, for hosts that keep their tenants in a database of their own.</summary>
public static class AccountSettingsBuilderExtensions
{
    /// <summary>
    /// Reads accounts' settings from <typeparamref name="TSource"/> (a singleton), asked before
    /// <c>SmsOptOutOptions.Accounts</c>. Replaces a source registered before.
    /// </summary>
    /// <typeparam name="TSource">The source.</typeparam>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseAccountSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>(this ISmsOptOutBuilder builder)
        where TSource : class, IAccountSettingsSource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IAccountSettingsSource>();
        builder.Services.AddSingleton<IAccountSettingsSource, TSource>();
        return builder;
    }

    /// <summary>Reads accounts' settings from <paramref name="source"/>, asked before <c>SmsOptOutOptions.Accounts</c>. Replaces a source registered before.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="source">The source.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseAccountSettings(this ISmsOptOutBuilder builder, IAccountSettingsSource source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.Services.RemoveAll<IAccountSettingsSource>();
        builder.Services.AddSingleton(source);
        return builder;
    }
}
