package dev.sparkvideo.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real HDFS (namenode and one datanode) in this JVM, on 127.0.0.1, for as long as the test class runs. */
final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final URI uri;

  MiniHdfs(Path baseDir) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.setLong("dfs.blocksize", 4L << 20);
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    cluster.waitActive();
    uri = URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
  }

  /** {@code hdfs://127.0.0.1:port} */
  URI uri() {
    return uri;
  }

  FileSystem fileSystem() throws IOException {
    return FileSystem.get(uri, new Configuration());
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
