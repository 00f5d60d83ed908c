package dev.sparkvideo.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS (namenode and one datanode) in this JVM, on 127.0.0.1, for as long as the test class (or benchmark)
 * runs.
 */
public final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final URI uri;

  /** Small 4 MiB blocks, so that even test files span several blocks. */
  public MiniHdfs(Path baseDir) throws IOException {
    this(baseDir, 4L << 20);
  }

  /** An HDFS whose files are cut into blocks of {@code blockSize} bytes. */
  public MiniHdfs(Path baseDir, long blockSize) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.setLong("dfs.blocksize", blockSize);
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    cluster.waitActive();
    uri = URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
  }

  /** {@code hdfs://127.0.0.1:port} */
  public URI uri() {
    return uri;
  }

  public FileSystem fileSystem() throws IOException {
    return FileSystem.get(uri, new Configuration());
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
