using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace KeyRotation.Testing.Moto;

/// <summary>An S3 bucket in moto set up as the central template sets up the audit digest bucket: versioned, Object Lock, compliance mode.</summary>
public static class MotoLockedBucket
{
    public static AmazonS3Client Client(MotoServer moto) => new(new BasicAWSCredentials("moto", "moto"),
        new AmazonS3Config { ServiceURL = moto.Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public static async Task<string> CreateAsync(MotoServer moto, string name)
    {
        using var s3 = Client(moto);
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = name, ObjectLockEnabledForBucket = true });
        await s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = name,
            ObjectLockConfiguration = new ObjectLockConfiguration
            {
                ObjectLockEnabled = ObjectLockEnabled.Enabled,
                Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = ObjectLockRetentionMode.Compliance, Days = 1 } },
            },
        });
        return name;
    }
}
