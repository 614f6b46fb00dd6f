/**
 * An AWS region name (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`, `cn-northwest-1`, …): a
 * two-to-four-letter area, one to three lettered parts, a number. It rules out the other endpoints
 * under amazonaws.com that would otherwise pass for one — `s3`, `s3-external-1`, `s3-accelerate`,
 * `compute-1` — whose `sns.` host names serve an S3 bucket named "sns", not SNS.
 */
export const AWS_REGION = '[a-z]{2,4}(?:-[a-z]+){1,3}-\\d{1,2}';
