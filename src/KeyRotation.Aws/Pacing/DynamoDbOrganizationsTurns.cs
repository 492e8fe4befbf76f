using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Permissions;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Pacing;

/// <summary>
/// The Organizations turns of a deployment (KEYROTATION_ORGANIZATIONS_TURNS_TABLE, StepFunctions mode) in DynamoDB:
/// one item, <c>pk = "organizations"</c>, whose number <c>next</c> is the next free turn in microseconds since the
/// Unix epoch (<see cref="TurnTime"/>). Each call is one conditional UpdateItem, so concurrent invocations never
/// take the same turn: DynamoDB applies the writes to one item one after another. The template grants the function
/// dynamodb:UpdateItem on this table and nothing else: it cannot read, scan or delete it.
/// </summary>
[ActsAs(AwsPrincipal.Central)]
public sealed class DynamoDbOrganizationsTurns : IOrganizationsTurns, IDisposable
{
    internal const string PartitionKey = "pk";
    internal const string ItemKey = "organizations";
    internal const string NextAttribute = "next";

    private readonly IAmazonDynamoDB client;
    private readonly bool ownsClient;
    private readonly string context;

    internal DynamoDbOrganizationsTurns(IAmazonDynamoDB client, string table, bool ownsClient = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        this.client = client;
        this.ownsClient = ownsClient;
        Name = table;
        context = $"Organizations turns table '{table}' at {DynamoDbClientFactory.DescribeEndpoint(client)}";
    }

    public string Name { get; }

    /// <summary><c>SET next = next + interval</c> if next lies within the window; a missing item fails the condition too.</summary>
    [RequiresPermission("dynamodb:UpdateItem")]
    public async Task<DateTimeOffset?> TryTakeNextAsync(
        TimeSpan interval, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken)
    {
        var step = TurnTime.IntervalMicroseconds(interval);
        ThrowIfEmpty(earliest, latest);
        var request = Update("SET #next = #next + :interval", "#next BETWEEN :earliest AND :latest",
            (":interval", step), (":earliest", TurnTime.ToMicroseconds(earliest)), (":latest", TurnTime.ToMicroseconds(latest)));
        request.ReturnValues = ReturnValue.UPDATED_NEW;
        var response = await TryUpdateAsync(request, cancellationToken);
        if (response is null) return null;
        var moved = long.Parse(response.Attributes[NextAttribute].N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return TurnTime.FromMicroseconds(moved - step);
    }

    /// <summary><c>SET next = :next</c> if there is none or it lies outside the window (UpdateItem creates the item).</summary>
    [RequiresPermission("dynamodb:UpdateItem")]
    public async Task<bool> TryRestartAsync(
        DateTimeOffset next, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken)
    {
        ThrowIfEmpty(earliest, latest);
        var request = Update("SET #next = :next", "attribute_not_exists(#next) OR #next < :earliest OR #next > :latest",
            (":next", TurnTime.ToMicroseconds(next)), (":earliest", TurnTime.ToMicroseconds(earliest)),
            (":latest", TurnTime.ToMicroseconds(latest)));
        return await TryUpdateAsync(request, cancellationToken) is not null;
    }

    private UpdateItemRequest Update(string update, string condition, params (string Name, long Value)[] values) => new()
    {
        TableName = Name,
        Key = new() { [PartitionKey] = new AttributeValue { S = ItemKey } },
        UpdateExpression = update,
        ConditionExpression = condition,
        ExpressionAttributeNames = new() { ["#next"] = NextAttribute },
        ExpressionAttributeValues = values.ToDictionary(
            v => v.Name, v => new AttributeValue { N = v.Value.ToString(CultureInfo.InvariantCulture) }),
    };

    /// <returns>null: the condition did not hold, which is an answer, not a failure.</returns>
    private async Task<UpdateItemResponse?> TryUpdateAsync(UpdateItemRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.UpdateItemAsync(request, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
        catch (Exception ex) when (DynamoDbErrors.IsTranslatable(ex, cancellationToken))
        {
            throw DynamoDbErrors.Translate(ex, "UpdateItem", context);
        }
    }

    private static void ThrowIfEmpty(DateTimeOffset earliest, DateTimeOffset latest)
    {
        if (earliest > latest)
            throw new ArgumentException($"The window is empty: earliest {earliest:O} is after latest {latest:O}.", nameof(earliest));
    }

    public void Dispose()
    {
        if (ownsClient) client.Dispose();
    }
}
