namespace KeyRotation.Aws.Permissions;

/// <summary>Who makes a call: the central function's role, or the StackSet role it assumes in each member account.</summary>
internal enum AwsPrincipal
{
    Central,
    Member,
}
