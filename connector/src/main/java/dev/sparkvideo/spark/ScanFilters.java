package dev.sparkvideo.spark;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import scala.collection.immutable.Seq;

/**
 * What a scan was asked to keep: Spark's partition and data filters (for its file index), and what the source took
 * from the data filters.
 *
 * @param partitionFilters filters on partition columns only: the file index prunes directories with them
 * @param dataFilters the other filters, as the file index receives them
 * @param bounds the frames the frame filters allow
 * @param fileFilters the filters on file columns ({@code path}, {@code _metadata})
 * @param pushed the data filters the source applies itself, for {@code explain()}
 */
record ScanFilters(Seq<Expression> partitionFilters, Seq<Expression> dataFilters, FrameBounds bounds,
    List<FileFilter> fileFilters, List<Predicate> pushed) {}
