using Microsoft.Extensions.Configuration;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Providers;
using SmsOptOut.Providers.Internal;
using SmsOptOut.Sending;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SMS providers, chooses one per account, and gives accounts their own provider credentials.</summary>
public static class SmsProviderBuilderExtensions
{
    /// <summary>
    /// For provider package authors: registers <typeparamref name="TProvider"/> as a provider named <paramref name="name"/>.
    /// Messages then go through the provider the account's <see cref="ISmsProviderSelector"/> picks, and
    /// <c>MapSmsOptOut()</c> maps the provider's inbound endpoint at <c>{InboundPrefix}/{name}</c>. Registering the
    /// same provider twice is harmless.
    /// </summary>
    /// <typeparam name="TProvider">The provider.</typeparam>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="name">The provider's name, the same as its <see cref="ISmsProvider.Name"/>: lower-case letters and digits.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddSmsProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this ISmsOptOutBuilder builder, string name)
        where TProvider : class, ISmsProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException($"A provider name must be lower-case ASCII letters and digits (it is a URL segment), not '{name}'.", nameof(name));
        }

        var services = builder.Services;
        services.Configure<ProviderNames>(p => p.Names.Add(name));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISmsProvider, TProvider>());
        services.TryAddSingleton<ISmsProviderSelector, DefaultSmsProviderSelector>();
        services.RemoveAll<ISmsTransport>();
        services.AddSingleton<ISmsTransport, ProviderRoutingTransport>();
        return builder;
    }

    /// <summary>
    /// For provider package authors: registers <typeparamref name="TProvider"/> as <see cref="AddSmsProvider{TProvider}"/>
    /// does, with its options — set by <paramref name="configure"/>, checked by <typeparamref name="TValidator"/> at startup
    /// and for every account's own options — and a named <see cref="HttpClient"/> without a timeout of its own (the
    /// provider times each request itself, so a late answer is reported as unknown rather than thrown).
    /// </summary>
    /// <typeparam name="TProvider">The provider.</typeparam>
    /// <typeparam name="TOptions">Its options.</typeparam>
    /// <typeparam name="TValidator">Their validator.</typeparam>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="name">The provider's name: lower-case letters and digits.</param>
    /// <param name="httpClientName">The name of its <see cref="HttpClient"/>, for <c>IHttpClientFactory</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddSmsProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        this ISmsOptOutBuilder builder, string name, string httpClientName, Action<TOptions> configure)
        where TProvider : class, ISmsProvider
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions> =>
        builder.AddSmsProvider<TProvider, TOptions, TValidator>(name, httpClientName, configure, null);

    /// <summary>
    /// For provider package authors: registers <typeparamref name="TProvider"/> as <see cref="AddSmsProvider{TProvider}"/>
    /// does, with its options — set by <paramref name="configure"/>, checked by <typeparamref name="TValidator"/> at startup
    /// and for every account's own options — and a named <see cref="HttpClient"/> without a timeout of its own (the
    /// provider times each request itself, so a late answer is reported as unknown rather than thrown).
    /// </summary>
    /// <typeparam name="TProvider">The provider.</typeparam>
    /// <typeparam name="TOptions">Its options.</typeparam>
    /// <typeparam name="TValidator">Their validator.</typeparam>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="name">The provider's name: lower-case letters and digits.</param>
    /// <param name="httpClientName">The name of its <see cref="HttpClient"/>, for <c>IHttpClientFactory</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="bindAccount">
    /// Binds an account's configuration section named after the provider (<c>SmsOptOut:Accounts:acme:Twilio</c>) over a copy
    /// of the global options, for example <c>(section, o) =&gt; section.Bind(o)</c>; <see langword="null"/> when the provider
    /// reads no per-account configuration (an account section for it is then refused; <c>AccountSettings.ConfigureProvider</c> still works).
    /// </param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddSmsProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        this ISmsOptOutBuilder builder, string name, string httpClientName, Action<TOptions> configure, Action<IConfiguration, TOptions>? bindAccount)
        where TProvider : class, ISmsProvider
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(httpClientName);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<TOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.AddHttpClient(httpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan);
        // Accounts' own options from their settings, unless the host resolves them itself (UseProviderOptions).
        services.TryAddSingleton<IProviderOptionsResolver<TOptions>>(sp => new SmsOptOut.Accounts.Internal.AccountProviderOptions<TOptions>(
            name, bindAccount, sp.GetRequiredService<SmsOptOut.Accounts.Internal.AccountSettingsResolver>(), sp.GetRequiredService<IOptionsFactory<TOptions>>()));
        return builder.AddSmsProvider<TProvider>(name);
    }

    /// <summary>Chooses the provider of each account (a CRM whose tenants use different providers).</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="select">Returns the name of a registered provider for an account.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseProviderSelector(this ISmsOptOutBuilder builder, Func<AccountId?, CancellationToken, ValueTask<string>> select)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(select);
        builder.Services.RemoveAll<ISmsProviderSelector>();
        builder.Services.AddSingleton<ISmsProviderSelector>(new DelegateProviderSelector(select));
        return builder;
    }

    /// <summary>
    /// Gives accounts their own provider options — credentials, sender — for sending and for verifying the provider's
    /// webhooks. Accounts the delegate returns <see langword="null"/> for use the static options. The options an account
    /// gets are validated like the static ones; invalid ones fail that account's sends and webhooks with a message.
    /// </summary>
    /// <typeparam name="TOptions">The provider's options type, for example <c>TwilioOptions</c>.</typeparam>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="resolve">The account's options, or <see langword="null"/>. Called for every message and webhook: cache what you read.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseProviderOptions<TOptions>(this ISmsOptOutBuilder builder, Func<AccountId, CancellationToken, ValueTask<TOptions?>> resolve)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(resolve);
        builder.Services.RemoveAll<IProviderOptionsResolver<TOptions>>();
        builder.Services.AddSingleton<IProviderOptionsResolver<TOptions>>(new DelegateProviderOptionsResolver<TOptions>(resolve));
        return builder;
    }
}
