package dev.sparkvideo.benchmarks;

import dev.sparkvideo.it.MiniHdfs;
import dev.sparkvideo.it.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real HDFS (128 MiB blocks, as clusters use) and a real S3 server (S3Proxy, read through S3A) on 127.0.0.1 in
 * this JVM, holding copies of the benchmark files.
 */
final class BenchmarkStorage implements AutoCloseable {
  private static final String BUCKET = "bench";

  private final MiniHdfs hdfs;
  private final S3Server s3;

  BenchmarkStorage(Path work) throws Exception {
    hdfs = new MiniHdfs(work.resolve("hdfs"), 128L << 20);
    s3 = new S3Server(work.resolve("s3"));
    s3.createBucket(BUCKET);
  }

  /**
   * The Hadoop settings S3A needs for this server, with the FileSystem cache on as in production (the S3 server's
   * test settings turn it off to see faults).
   */
  Map<String, String> s3aSettings() {
    Map<String, String> settings = s3.s3aSettings();
    settings.put("fs.s3a.impl.disable.cache", "false");
    return settings;
  }

  private Configuration configuration() {
    Configuration conf = new Configuration();
    s3aSettings().forEach(conf::set);
    return conf;
  }

  /** Copies a local file to HDFS under {@code name}; returns its URI. */
  String toHdfs(Path local, String name) throws Exception {
    return copy(local, hdfs.uri() + "/" + name);
  }

  /** Copies a local file to the S3 bucket under {@code name}; returns its {@code s3a://} URI. */
  String toS3(Path local, String name) throws Exception {
    return copy(local, "s3a://" + BUCKET + "/" + name);
  }

  private String copy(Path local, String uri) throws Exception {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(uri);
    FileSystem fs = target.getFileSystem(configuration());
    // The S3 server keeps its objects between runs: copy only what is not there yet.
    boolean present = Files.isDirectory(local) ? fs.exists(target)
        : fs.exists(target) && fs.getFileStatus(target).getLen() == Files.size(local);
    if (!present) {
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), target);
    }
    return uri;
  }

  @Override
  public void close() throws Exception {
    try {
      s3.close();
    } finally {
      hdfs.close();
    }
  }
}
