namespace KeyRotation.Core.Facts;

public enum AccessKeyStatus
{
    Active,
    Inactive,
}
