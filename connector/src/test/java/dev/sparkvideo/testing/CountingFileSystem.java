package dev.sparkvideo.testing;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The local file system under the scheme {@code counting:}, counting the directory listings made through it (and
 * optionally taking a fixed time for each, like an object store): to check how often a source lists, and how. Enable
 * with {@code fs.counting.impl = dev.sparkvideo.testing.CountingFileSystem}; {@code fs.counting.listLatencyMs} sets
 * the latency. {@code fs.counting.requestLatencyMs} makes each open and each read request take a fixed time too, as
 * S3's GETs do ({@link LatencyInputStream} says what a request is), and logs them: {@link #roundTrips}. Counts are
 * JVM-wide.
 */
public final class CountingFileSystem extends FilterFileSystem {
  /** The scheme. */
  public static final String SCHEME = "counting";
  /** Hadoop setting: milliseconds each listing call takes (default 0). */
  public static final String LATENCY = "fs.counting.listLatencyMs";
  /** Hadoop setting: milliseconds each open and each read request takes (default 0). */
  public static final String REQUEST_LATENCY = "fs.counting.requestLatencyMs";

  private static final AtomicLong LISTINGS = new AtomicLong();
  private long latencyMs;
  private long requestLatencyMs;

  public CountingFileSystem() {
    super(new LocalFileSystem());
  }

  /** Listing calls made through any instance since the JVM started. */
  public static long listings() {
    return LISTINGS.get();
  }

  /**
   * The Hadoop settings that register this file system. Instances are cached as Hadoop caches file systems, so the
   * latency of the first one created in a JVM holds for all.
   */
  public static java.util.Map<String, String> settings(long latencyMs) {
    return java.util.Map.of("fs." + SCHEME + ".impl", CountingFileSystem.class.getName(), LATENCY,
        Long.toString(latencyMs));
  }

  /** A local path under this scheme. */
  public static String uri(java.nio.file.Path local) {
    return SCHEME + "://" + local.toAbsolutePath();
  }

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(URI.create("file:///"), conf);
    latencyMs = conf.getLong(LATENCY, 0);
    requestLatencyMs = conf.getLong(REQUEST_LATENCY, 0);
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public Path makeQualified(Path path) {
    return toCounting(fs.makeQualified(toLocal(path)));
  }

  @Override
  protected void checkPath(Path path) {
    // Paths of this scheme and of file: are both served.
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    return restate(fs.getFileStatus(toLocal(f)));
  }

  @Override
  public FileStatus[] listStatus(Path f) throws FileNotFoundException, IOException {
    listed();
    FileStatus[] statuses = fs.listStatus(toLocal(f));
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = restate(statuses[i]);
    }
    return statuses;
  }

  @Override
  public FileStatus[] listStatus(Path f, PathFilter filter) throws FileNotFoundException, IOException {
    FileStatus[] all = listStatus(f);
    return java.util.Arrays.stream(all).filter(s -> filter.accept(s.getPath())).toArray(FileStatus[]::new);
  }

  @Override
  public RemoteIterator<LocatedFileStatus> listLocatedStatus(Path f) throws FileNotFoundException, IOException {
    FileStatus[] statuses = listStatus(f);
    return new RemoteIterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < statuses.length;
      }

      @Override
      public LocatedFileStatus next() throws IOException {
        FileStatus s = statuses[i++];
        return new LocatedFileStatus(s, s.isFile() ? getFileBlockLocations(s, 0, s.getLen()) : null);
      }
    };
  }

  /** One call for a whole tree, as object stores list (S3A's {@code listFiles} with {@code recursive}). */
  @Override
  public RemoteIterator<LocatedFileStatus> listFiles(Path f, boolean recursive) throws IOException {
    listed();
    java.util.List<LocatedFileStatus> all = new java.util.ArrayList<>();
    java.util.ArrayDeque<Path> dirs = new java.util.ArrayDeque<>(java.util.List.of(toLocal(f)));
    while (!dirs.isEmpty()) {
      for (FileStatus s : fs.listStatus(dirs.poll())) {
        if (s.isDirectory()) {
          if (recursive) {
            dirs.add(s.getPath());
          }
        } else {
          all.add(new LocatedFileStatus(new FileStatus(s.getLen(), false, s.getReplication(), s.getBlockSize(),
              s.getModificationTime(), toCounting(s.getPath())), fs.getFileBlockLocations(s, 0, s.getLen())));
        }
      }
    }
    java.util.Iterator<LocatedFileStatus> it = all.iterator();
    return new RemoteIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public LocatedFileStatus next() {
        return it.next();
      }
    };
  }

  /**
   * The Hadoop settings that register this file system with a latency per open and per read request, and none per
   * listing.
   */
  public static java.util.Map<String, String> requestSettings(long latencyMs) {
    return java.util.Map.of("fs." + SCHEME + ".impl", CountingFileSystem.class.getName(), REQUEST_LATENCY,
        Long.toString(latencyMs), "fs." + SCHEME + ".impl.disable.cache", "true");
  }

  /** Forgets the requests logged so far (see {@link #roundTrips}). */
  public static void resetRequests() {
    LatencyInputStream.resetLog();
  }

  /** Open and read requests logged since {@link #resetRequests}, JVM-wide. */
  public static int requests() {
    return LatencyInputStream.requests();
  }

  /**
   * Open and read requests for files under the local directory {@code dir} since {@link #resetRequests}, once those
   * under way (on other threads) are over: what one test's own files cost, whatever other tests left running.
   */
  public static int requests(java.nio.file.Path dir) throws InterruptedException {
    return LatencyInputStream.requests(dir.toAbsolutePath().toString());
  }

  /** Requests since {@link #resetRequests} that were waited for one after the other (overlapping ones count once). */
  public static int roundTrips() {
    return LatencyInputStream.roundTrips();
  }

  /** {@link #roundTrips()} of the requests for files under the local directory {@code dir}, as {@link #requests(java.nio.file.Path)}. */
  public static int roundTrips(java.nio.file.Path dir) throws InterruptedException {
    return LatencyInputStream.roundTrips(dir.toAbsolutePath().toString());
  }

  /** Streams opened through this file system and not closed yet, JVM-wide. */
  public static long openStreams() {
    return LatencyInputStream.openStreams();
  }

  @Override
  public org.apache.hadoop.fs.FSDataInputStream open(Path f, int bufferSize) throws IOException {
    return open(f, false);
  }

  /** Opened here, not by the local file system (which would refuse the path's scheme). */
  @Override
  public org.apache.hadoop.fs.FutureDataInputStreamBuilder openFile(Path path) {
    return createDataInputStreamBuilder(this, path);
  }

  @Override
  protected java.util.concurrent.CompletableFuture<org.apache.hadoop.fs.FSDataInputStream> openFileWithOptions(
      Path path, org.apache.hadoop.fs.impl.OpenFileParameters parameters) throws IOException {
    String policy = parameters.getOptions().get(
        org.apache.hadoop.fs.Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY, "");
    java.util.concurrent.CompletableFuture<org.apache.hadoop.fs.FSDataInputStream> opened =
        new java.util.concurrent.CompletableFuture<>();
    opened.complete(open(path, policy.startsWith("random")));
    return opened;
  }

  private org.apache.hadoop.fs.FSDataInputStream open(Path f, boolean random) throws IOException {
    Path local = toLocal(f);
    String path = local.toUri().getPath();
    LatencyInputStream.request(path, requestLatencyMs);
    return new org.apache.hadoop.fs.FSDataInputStream(
        new LatencyInputStream(fs.open(local), path, requestLatencyMs, random));
  }

  @Override
  public FileStatus[] globStatus(Path pathPattern) throws IOException {
    FileStatus[] matches = fs.globStatus(toLocal(pathPattern));
    if (matches == null) {
      return null;
    }
    for (int i = 0; i < matches.length; i++) {
      matches[i] = restate(matches[i]);
    }
    return matches;
  }

  private void listed() throws IOException {
    LISTINGS.incrementAndGet();
    if (latencyMs > 0) {
      try {
        Thread.sleep(latencyMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while listing");
      }
    }
  }

  private static Path toLocal(Path p) {
    URI u = p.toUri();
    return SCHEME.equals(u.getScheme()) ? new Path("file", null, u.getPath()) : p;
  }

  private static Path toCounting(Path p) {
    URI u = p.toUri();
    return u.getScheme() == null || "file".equals(u.getScheme()) ? new Path(SCHEME, null, u.getPath()) : p;
  }

  /**
   * The status under this scheme, without owner and permissions: the local file system reads those by starting an
   * {@code ls} process per file, which would be timed instead of the listing.
   */
  private static FileStatus restate(FileStatus s) {
    return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(),
        s.getModificationTime(), toCounting(s.getPath()));
  }
}
