using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.Protocol;
using KeyRotation.Engine.Ports.Sns;

namespace KeyRotation.Aws.Sns;

/// <summary>SNS Publish (awsQuery), with String message attributes; one request.</summary>
[ActsAs(AwsPrincipal.Central)]
internal sealed class SnsClient(QueryClient query) : ISnsOperations
{
    public const string ApiVersion = "2010-03-31";

    /// <returns>The message id.</returns>
    [RequiresPermission("sns:Publish")]
    public async Task<string?> PublishAsync(string topicArn, string? subject, string message,
        IReadOnlyList<KeyValuePair<string, string>> attributes, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters()
            .Add("TopicArn", topicArn)
            .Add("Subject", subject)
            .Add("Message", message)
            .AddMap("MessageAttributes", attributes, "Name", static (p, prefix, value) => p
                .Add(prefix + "Value.DataType", "String")
                .Add(prefix + "Value.StringValue", value));
        // The message may carry a secret when plaintext delivery was chosen; keep it out of any error detail.
        var result = await query.SendAsync("Publish", parameters, cancellationToken, [message]).ConfigureAwait(false);
        return result.Text("MessageId");
    }
}
