package dev.sparkvideo.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the files to read on the driver, the way Spark's file sources do: paths may be files, directories or globs;
 * hidden files (names starting with {@code .} or {@code _}) are skipped; {@code recursiveFileLookup},
 * {@code pathGlobFilter}, {@code modifiedBefore} and {@code modifiedAfter} apply. Listing returns block locations
 * with the statuses, so no file is opened and no extra request is made per file.
 */
final class FileLister {
  private static final Logger LOG = LoggerFactory.getLogger(FileLister.class);

  private FileLister() {}

  static List<ListedFile> list(List<String> paths, VideoReadOptions options, Configuration conf) {
    GlobFilter nameFilter = nameFilter(options.pathGlobFilter());
    List<ListedFile> out = new ArrayList<>();
    try {
      for (String p : paths) {
        Path path = new Path(p);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
          if (options.ignoreMissingFiles()) {
            LOG.warn("Skipping {}: no such file or directory", path);
            continue;
          }
          throw new IllegalArgumentException("Path does not exist: " + path);
        }
        for (FileStatus match : matches) {
          if (match.isDirectory()) {
            listDirectory(fs, match.getPath(), options, nameFilter, out);
          } else {
            // A file named explicitly is read even if hidden, as Spark does.
            addFiles(fs, match.getPath(), options, nameFilter, out);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + paths + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static void listDirectory(FileSystem fs, Path dir, VideoReadOptions options, GlobFilter nameFilter,
      List<ListedFile> out) throws IOException {
    List<FileStatus> statuses;
    try {
      statuses = statuses(fs, dir);
    } catch (FileNotFoundException e) {
      if (options.ignoreMissingFiles()) {
        LOG.warn("Skipping {}: deleted while listing", dir);
        return;
      }
      throw e;
    }
    for (FileStatus status : statuses) {
      if (hidden(status.getPath().getName())) {
        continue;
      }
      if (status.isDirectory()) {
        if (options.recursiveFileLookup()) {
          listDirectory(fs, status.getPath(), options, nameFilter, out);
        }
      } else if (accept(status, options, nameFilter)) {
        out.add(listed(fs, status));
      }
    }
  }

  private static void addFiles(FileSystem fs, Path file, VideoReadOptions options, GlobFilter nameFilter,
      List<ListedFile> out) throws IOException {
    for (FileStatus status : statuses(fs, file)) {
      if (status.isFile() && accept(status, options, nameFilter)) {
        out.add(listed(fs, status));
      }
    }
  }

  /**
   * The entries of a directory (or the file itself). HDFS returns block locations with the listing, in one request;
   * other FileSystems list plain statuses, as Spark does: building located statuses there reads each file's
   * permissions, which the local FileSystem does by starting an {@code ls} process per file.
   */
  private static List<FileStatus> statuses(FileSystem fs, Path path) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    if (fs instanceof DistributedFileSystem) {
      RemoteIterator<LocatedFileStatus> it = fs.listLocatedStatus(path);
      while (it.hasNext()) {
        out.add(it.next());
      }
    } else {
      out.addAll(List.of(fs.listStatus(path)));
    }
    return out;
  }

  private static ListedFile listed(FileSystem fs, FileStatus status) throws IOException {
    BlockLocation[] blocks = status instanceof LocatedFileStatus located ? located.getBlockLocations()
        : fs.getFileBlockLocations(status, 0, status.getLen());
    return new ListedFile(status.getPath().toString(), status.getLen(), status.getModificationTime(),
        ListedFile.blocks(blocks));
  }

  private static boolean accept(FileStatus status, VideoReadOptions options, GlobFilter nameFilter) {
    if (nameFilter != null && !nameFilter.accept(status.getPath())) {
      return false;
    }
    long modified = status.getModificationTime();
    if (options.modifiedBeforeMillis() != null && modified >= options.modifiedBeforeMillis()) {
      return false;
    }
    return options.modifiedAfterMillis() == null || modified > options.modifiedAfterMillis();
  }

  private static boolean hidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  private static GlobFilter nameFilter(String glob) {
    if (glob == null) {
      return null;
    }
    try {
      return new GlobFilter(glob);
    } catch (IOException e) {
      throw new IllegalArgumentException("Invalid value '" + glob + "' for option "
          + VideoReadOptions.PATH_GLOB_FILTER + ": " + e.getMessage(), e);
    }
  }
}
