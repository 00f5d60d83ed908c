package dev.sparkvideo.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A pushed predicate of the simple shape the connector can use: {@code column OP literal} (either way round), or
 * {@code column IN (literals)}. The column is named by its dotted path, e.g. {@code _metadata.file_size}.
 *
 * @param column the dotted column name
 * @param op one of {@code =}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code IN}, {@code STARTS_WITH},
 *     {@code ENDS_WITH}, {@code CONTAINS}, written as if the column were on the left
 * @param values the literal values (Java objects: Long, Double, Boolean, String), one except for {@code IN}
 */
record Comparison(String column, String op, List<Object> values) {

  /** The comparison a predicate expresses, or {@code null} when it has another shape. */
  static Comparison of(Predicate predicate) {
    String name = predicate.name();
    Expression[] children = predicate.children();
    if (name.equals("IN") && children.length >= 2 && children[0] instanceof NamedReference ref) {
      List<Object> values = new ArrayList<>();
      for (int i = 1; i < children.length; i++) {
        if (!(children[i] instanceof Literal<?> literal) || literal.value() == null) {
          return null;
        }
        values.add(value(literal));
      }
      return new Comparison(column(ref), "IN", values);
    }
    if (children.length != 2) {
      return null;
    }
    boolean flipped = false;
    Expression left = children[0];
    Expression right = children[1];
    if (left instanceof Literal<?> && right instanceof NamedReference) {
      Expression t = left;
      left = right;
      right = t;
      flipped = true;
    }
    if (!(left instanceof NamedReference ref) || !(right instanceof Literal<?> literal) || literal.value() == null) {
      return null;
    }
    String op;
    switch (name) {
      case "=":
      case "<=>":
        op = "=";
        break;
      case "<":
        op = flipped ? ">" : "<";
        break;
      case "<=":
        op = flipped ? ">=" : "<=";
        break;
      case ">":
        op = flipped ? "<" : ">";
        break;
      case ">=":
        op = flipped ? "<=" : ">=";
        break;
      case "STARTS_WITH":
      case "ENDS_WITH":
      case "CONTAINS":
        if (flipped) {
          return null;
        }
        op = name;
        break;
      default:
        return null;
    }
    return new Comparison(column(ref), op, List.of(value(literal)));
  }

  private static String column(NamedReference ref) {
    return String.join(".", ref.fieldNames());
  }

  private static Object value(Literal<?> literal) {
    Object v = literal.value();
    return v instanceof UTF8String s ? s.toString() : v;
  }

  /** The single value as a double, for numeric columns. */
  double number() {
    return ((Number) values.get(0)).doubleValue();
  }

  /** The single value as a long, for integral columns. */
  long integral() {
    return ((Number) values.get(0)).longValue();
  }

  @Override
  public String toString() {
    return column + " " + op + " " + (values.size() == 1 ? values.get(0) : values);
  }
}
