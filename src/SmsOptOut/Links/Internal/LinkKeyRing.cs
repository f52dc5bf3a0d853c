using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Internal;

namespace SmsOptOut.Links.Internal;

/// <summary>The configured stateless-link keys: the active one signs, every one verifies.</summary>
internal sealed class LinkKeyRing : IDisposable
{
    private readonly LinkKey?[] _keys = new LinkKey?[256];

    public LinkKeyRing(IOptions<SmsOptOutOptions> options, ILogger<LinkKeyRing> logger)
    {
        var links = options.Value.Links;
        foreach (var key in links.SigningKeys)
        {
            _keys[key.Id] = new LinkKey((byte)key.Id, Convert.FromBase64String(key.Secret));
        }

        if (links.SigningKeys.Count > 0)
        {
            Active = _keys[links.ActiveKeyId ?? links.SigningKeys.Max(k => k.Id)];
        }
        else if (links.UseDevelopmentKey)
        {
            Active = _keys[0] = new LinkKey(0, RandomNumberGenerator.GetBytes(32));
            Log.DevelopmentLinkKey(logger);
        }
    }

    /// <summary>The key new tokens are made with, or <see langword="null"/> when none is configured.</summary>
    public LinkKey? Active { get; }

    public LinkKey? Find(byte id) => _keys[id];

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key?.Dispose();
        }
    }
}
