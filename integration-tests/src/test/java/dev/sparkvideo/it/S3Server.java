package dev.sparkvideo.it;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server (S3Proxy over a directory) on 127.0.0.1 in this JVM. Objects live in the directory, so the server
 * can be stopped and started again on the same port with the same data.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "video-access";
  public static final String SECRET_KEY = "video-secret";

  private final Path dir;
  private int port;
  private S3Proxy proxy;

  public S3Server(Path dir) throws Exception {
    this.dir = Files.createDirectories(dir);
    start();
  }

  public synchronized void start() throws Exception {
    proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()))
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    port = proxy.getPort();
  }

  public synchronized void stop() throws Exception {
    if (proxy != null) {
      proxy.stop();
      proxy = null;
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Creates a bucket, or keeps the one an earlier run left in the directory. */
  public void createBucket(String bucket) {
    try (S3Client client = S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build()) {
      client.createBucket(b -> b.bucket(bucket));
    } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException e) {
      // Left by an earlier run in the same directory: use it.
    }
  }

  /** The Hadoop settings for S3A against this server: path-style, plain HTTP, bounded retries and timeouts. */
  public Map<String, String> s3aSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("fs.s3a.endpoint", endpoint().toString());
    s.put("fs.s3a.endpoint.region", "us-east-1");
    s.put("fs.s3a.path.style.access", "true");
    s.put("fs.s3a.connection.ssl.enabled", "false");
    s.put("fs.s3a.access.key", ACCESS_KEY);
    s.put("fs.s3a.secret.key", SECRET_KEY);
    s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    s.put("fs.s3a.attempts.maximum", "2");
    s.put("fs.s3a.retry.limit", "2");
    s.put("fs.s3a.retry.interval", "100ms");
    s.put("fs.s3a.connection.establish.timeout", "2s");
    s.put("fs.s3a.connection.timeout", "5s");
    s.put("fs.s3a.connection.request.timeout", "10s");
    s.put("fs.s3a.bucket.probe", "0");
    s.put("fs.s3a.change.detection.mode", "none");
    s.put("fs.s3a.impl.disable.cache", "true");
    return s;
  }

  /** Adds {@link #s3aSettings()} to a Spark session as {@code spark.hadoop.*} settings. */
  public org.apache.spark.sql.SparkSession.Builder configure(org.apache.spark.sql.SparkSession.Builder builder) {
    s3aSettings().forEach((k, v) -> builder.config("spark.hadoop." + k, v));
    return builder;
  }

  @Override
  public void close() throws java.io.IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while stopping S3Proxy");
    } catch (Exception e) {
      throw new java.io.IOException("cannot stop S3Proxy", e);
    }
  }
}
