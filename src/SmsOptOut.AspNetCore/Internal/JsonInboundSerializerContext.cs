using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>Source-generated JSON for the inbound endpoint (camelCase, as gateways send it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(JsonInboundMessage))]
[JsonSerializable(typeof(JsonInboundResult))]
internal sealed partial class JsonInboundSerializerContext : JsonSerializerContext;
