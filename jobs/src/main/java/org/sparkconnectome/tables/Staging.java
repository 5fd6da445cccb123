package org.sparkconnectome.tables;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.io.FileTrees;

/**
 * Where a run writes its derivative files before they are published: {@code OUT/.staging/<id>/}
 * mirrors the output layout. Only after every stage succeeded is the attempt marked ready and its
 * files moved into place; a run killed before that leaves the previous results untouched (its
 * staging is discarded by the next run), and one killed while publishing is finished by the next
 * run (roll forward), so a reader never needs to see a file of an unfinished run.
 */
public final class Staging {
  private static final Logger LOG = LoggerFactory.getLogger(Staging.class);
  static final String FOLDER = ".staging";
  static final String READY = "_READY";

  private final Configuration conf;
  private final Path out;
  private final Path root;

  private Staging(Configuration conf, Path out, Path root) {
    this.conf = conf;
    this.out = out;
    this.root = root;
  }

  /**
   * A fresh staging folder, after finishing the publication of a ready attempt left by a killed
   * run and discarding attempts that never became ready.
   */
  public static Staging begin(Configuration conf, String outRoot) throws IOException {
    Path out = new Path(outRoot);
    FileSystem fs = raw(out.getFileSystem(conf));
    Path folder = new Path(out, FOLDER);
    if (fs.exists(folder)) {
      for (FileStatus attempt : fs.listStatus(folder)) {
        Staging old = new Staging(conf, out, attempt.getPath());
        if (fs.exists(new Path(attempt.getPath(), READY))) {
          LOG.info("finishing the publication of an interrupted run ({})",
              attempt.getPath().getName());
          old.publish();
        } else {
          LOG.info("discarding the unfinished files of an interrupted run ({})",
              attempt.getPath().getName());
          fs.delete(attempt.getPath(), true);
        }
      }
    }
    Path root = new Path(folder, UUID.randomUUID().toString());
    fs.mkdirs(root);
    return new Staging(conf, out, root);
  }

  /** The folder stages write into, laid out as the output. */
  public String root() {
    return root.toString();
  }

  /** Marks the attempt complete: from now on it will be published, even after a crash. */
  public void markReady() throws IOException {
    raw(root.getFileSystem(conf)).create(new Path(root, READY), true).close();
  }

  /** Moves every staged file into place (replacing older ones), then drops the staging. */
  public void publish() throws IOException {
    FileSystem fs = raw(root.getFileSystem(conf));
    String prefix = root.toUri().getPath();
    List<FileStatus> files = FileTrees.files(fs, root);
    int moved = 0;
    // Folders made by this publication hold nothing older: their files need no exists call.
    // Each folder is made or checked once, not once per file (a file costs a few calls).
    Set<Path> made = new HashSet<>();
    Set<Path> existing = new HashSet<>();
    for (FileStatus listed : files) {
      Path file = listed.getPath();
      if (file.getName().equals(READY)) {
        continue;
      }
      String relative = file.toUri().getPath().substring(prefix.length() + 1);
      Path target = new Path(out, relative);
      Path parent = target.getParent();
      if (!made.contains(parent) && !existing.contains(parent)) {
        if (fs.exists(parent)) {
          existing.add(parent);
        } else {
          fs.mkdirs(parent);
          made.add(parent);
        }
      }
      if (existing.contains(parent) && fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(file, target)) {
        throw new IOException("cannot move " + file + " to " + target);
      }
      moved++;
    }
    fs.delete(root, true);
    Path folder = root.getParent();
    if (fs.exists(folder) && fs.listStatus(folder).length == 0) {
      fs.delete(folder, true);
    }
    LOG.info("published {} files", moved);
  }

  /** Local disk without .crc companions, so moved files leave none behind. */
  private static FileSystem raw(FileSystem fs) {
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }
}
