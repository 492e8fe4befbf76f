namespace KeyRotation.Aws.Permissions;

/// <summary>
/// Who makes a call: the central function's role, the StackSet role it assumes in each member account, or the
/// optional read-only operator role a workstation assumes there for <c>keyrotation plan</c>.
/// </summary>
internal enum AwsPrincipal
{
    Central,
    Member,
    Operator,
}
