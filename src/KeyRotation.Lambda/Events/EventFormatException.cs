namespace KeyRotation.Lambda.Events;

/// <summary>The event cannot be handled as sent; the message names the field and value at fault.</summary>
internal sealed class EventFormatException(string message, Exception? inner = null) : Exception(message, inner);
