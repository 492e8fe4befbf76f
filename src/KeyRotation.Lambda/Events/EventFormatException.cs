namespace KeyRotation.Lambda.Events;

/// <summary>The event cannot be handled as sent; the message names the field and value at fault.</summary>
internal sealed class EventFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>rotate-account named an account that the run does not target (missing, not active, opted out or excluded).</summary>
internal sealed class AccountNotTargetedException(string accountId)
    : Exception($"account {accountId} is not among the run's targets (unknown, not active, opted out or excluded)");
