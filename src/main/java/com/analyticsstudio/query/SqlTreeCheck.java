package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.tenancy.ForbiddenIdentifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.OverlapsCondition;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.RangeExpression;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.expression.WindowRange;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseLeftShift;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseRightShift;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ContainedBy;
import net.sf.jsqlparser.expression.operators.relational.Contains;
import net.sf.jsqlparser.expression.operators.relational.DoubleAnd;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.OldOracleJoinBinaryExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.SimilarToExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.StatementVisitorAdapter;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.piped.FromQuery;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.FromItemVisitorAdapter;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PivotQuery;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SelectVisitorAdapter;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * The parse-tree half of {@link SqlGuard}: walks one parsed statement with JSqlParser's public
 * visitors and refuses everything it does not explicitly allow.
 *
 * <p>Deny by default, at three levels:
 *
 * <ol>
 *   <li>Every node is dispatched through {@link #expression}, {@link #select} or {@link #fromItem},
 *       which first check the node's exact class against {@link #EXPRESSIONS}, {@link #SELECTS} or
 *       {@link #FROM_ITEMS}. A class JSqlParser adds in a future version is refused until someone
 *       adds it here (and its visit method: {@code SqlTreeCheckTest} checks every allowed class has
 *       one, so the adapter's own traversal never runs unchecked).
 *   <li>Inside an allowed node only the parts read below are walked, and every other optional part
 *       this parser version knows (dialect extensions such as {@code TOP}, {@code QUALIFY}, {@code
 *       PIVOT}, hints, …) must be absent.
 *   <li>Every identifier-like word this walk reads is recorded in {@link #words}; the guard then
 *       requires every name PostgreSQL's lexer sees to be among them. A part of a future node that
 *       this walk does not read therefore cannot hide a name (a function, a table) from the checks.
 * </ol>
 *
 * <p>One instance per check; not thread-safe.
 */
final class SqlTreeCheck {

  private static final int MAX_TREE_DEPTH = 1_000;

  /** Expression classes a query may contain (exact classes). */
  static final Set<Class<?>> EXPRESSIONS =
      Set.of(
          NullValue.class,
          LongValue.class,
          DoubleValue.class,
          StringValue.class,
          JdbcParameter.class,
          BooleanValue.class,
          DateTimeLiteralExpression.class,
          IntervalExpression.class,
          TimeKeyExpression.class,
          DateUnitExpression.class,
          SignedExpression.class,
          Parenthesis.class,
          ExpressionList.class,
          ParenthesedExpressionList.class,
          RowConstructor.class,
          Column.class,
          AllColumns.class,
          AllTableColumns.class,
          Function.class,
          AnalyticExpression.class,
          CastExpression.class,
          CaseExpression.class,
          WhenClause.class,
          ExtractExpression.class,
          TrimFunction.class,
          JsonExpression.class,
          CollateExpression.class,
          TimezoneExpression.class,
          ArrayExpression.class,
          ArrayConstructor.class,
          RangeExpression.class,
          AnyComparisonExpression.class,
          NotExpression.class,
          ExistsExpression.class,
          InExpression.class,
          Between.class,
          IsNullExpression.class,
          IsBooleanExpression.class,
          OverlapsCondition.class,
          ParenthesedSelect.class,
          // binary operators
          EqualsTo.class,
          NotEqualsTo.class,
          GreaterThan.class,
          GreaterThanEquals.class,
          MinorThan.class,
          MinorThanEquals.class,
          AndExpression.class,
          OrExpression.class,
          Addition.class,
          Subtraction.class,
          Multiplication.class,
          Division.class,
          IntegerDivision.class,
          Modulo.class,
          Concat.class,
          BitwiseAnd.class,
          BitwiseOr.class,
          BitwiseXor.class,
          BitwiseLeftShift.class,
          BitwiseRightShift.class,
          ContainedBy.class,
          Contains.class,
          DoubleAnd.class,
          JsonOperator.class,
          RegExpMatchOperator.class,
          IsDistinctExpression.class,
          LikeExpression.class,
          SimilarToExpression.class);

  /**
   * Query shapes (exact classes): a plain SELECT, a set operation, a parenthesised query, VALUES.
   */
  static final Set<Class<?>> SELECTS =
      Set.of(
          PlainSelect.class,
          SetOperationList.class,
          ParenthesedSelect.class,
          LateralSubSelect.class,
          Values.class);

  /** What may stand in FROM (exact classes). */
  static final Set<Class<?>> FROM_ITEMS =
      Set.of(
          Table.class,
          ParenthesedSelect.class,
          LateralSubSelect.class,
          TableFunction.class,
          ParenthesedFromItem.class,
          Values.class);

  /**
   * Keywords between the arguments of SQL-standard calls such as {@code substring(x FROM 1 FOR 3)}.
   */
  private static final Set<String> STANDARD_ARGUMENT_KEYWORDS =
      Set.of("from", "for", "placing", "in", "similar", "escape");

  private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}_$\\u0080-\\uffff]+");

  private final Map<String, String> allowedTables;

  /** CTE names in scope (PostgreSQL scopes them more tightly; a misuse just fails there). */
  private final Map<String, Set<String>> cteColumns = new HashMap<>();

  /**
   * What each FROM alias (or unaliased table / function name) stands for: its output column names,
   * or {@code null} when they are not known here (a dataset, {@code SELECT *}). One name may be
   * bound several times in one statement (subqueries); a reference must pass under every binding.
   */
  private final Map<String, List<Set<String>>> bindings = new HashMap<>();

  final Set<String> referenced = new LinkedHashSet<>();
  final List<String> strings = new ArrayList<>();

  /** The numbers of the positional parameters ({@code $n}) read, once per occurrence. */
  final List<Integer> parameters = new ArrayList<>();

  /** Every identifier-like word the walk read (names, keywords kept as text), lower-cased. */
  final Set<String> words = new HashSet<>();

  private final Expressions expressions = new Expressions();
  private final Selects selects = new Selects();
  private final FromItems fromItems = new FromItems();
  private int depth;

  SqlTreeCheck(Map<String, String> allowedTables) {
    this.allowedTables = allowedTables;
  }

  /** Checks {@code statement}: it must be one query. */
  void check(Statement statement) {
    StatementKind kind = new StatementKind();
    statement.accept(kind, null);
    if (kind.select == null) {
      throw onlySelect();
    }
    select(kind.select);
  }

  /** Only a {@link Select} sets {@code select}; every other statement type leaves it null. */
  private static final class StatementKind extends StatementVisitorAdapter<Void> {
    Select select;

    @Override
    public <S> Void visit(Select s, S context) {
      select = s;
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // dispatch: class allow-lists first

  private void enter() {
    if (++depth > MAX_TREE_DEPTH) {
      throw ApiException.badRequest("query_too_complex", "the query is too deeply nested");
    }
  }

  void expression(Expression e) {
    if (e == null) return;
    if (!EXPRESSIONS.contains(e.getClass())) {
      throw unsupported(e.getClass());
    }
    enter();
    try {
      e.accept(expressions, null);
    } finally {
      depth--;
    }
  }

  private void expressions(List<? extends Expression> list) {
    if (list == null) return;
    for (Expression e : list) expression(e);
  }

  void select(Select s) {
    if (s == null) return;
    if (!SELECTS.contains(s.getClass())) {
      throw s instanceof TableStatement ? onlySelect() : unsupported(s.getClass());
    }
    enter();
    try {
      commonSelectParts(s);
      s.accept(selects, null);
    } finally {
      depth--;
    }
  }

  private void fromItem(FromItem f) {
    if (f == null) return;
    if (!FROM_ITEMS.contains(f.getClass())) {
      throw unsupported(f.getClass());
    }
    enter();
    try {
      f.accept(fromItems, null);
    } finally {
      depth--;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // queries

  /** The parts every query shape shares (WITH, ORDER BY, LIMIT, locking, dialect extras). */
  private void commonSelectParts(Select s) {
    if (s.getForMode() != null
        || s.getForUpdateTable() != null
        || (s.getForUpdateTables() != null && !s.getForUpdateTables().isEmpty())
        || s.getForUpdate() != null
        || s.getWait() != null
        || s.isSkipLocked()
        || s.isNoWait()) {
      throw ApiException.forbidden(
          "only_select", "row locking (FOR UPDATE / FOR SHARE) is not allowed in queries");
    }
    requireAbsent(
        s.getLimitBy(),
        s.getOption(),
        s.getForClause(),
        s.getMySqlProcedureAnalyse(),
        s.getIsolation());
    requireNone(s.getInterpolate());
    if (s.isOracleSiblings()) throw unsupportedClause();
    List<WithItem<?>> with = s.getWithItemsList();
    if (with != null) {
      // All names of one WITH list first: a recursive CTE refers to itself.
      for (WithItem<?> w : with) {
        if (!(w.getParenthesedStatement() instanceof ParenthesedSelect)) {
          throw ApiException.forbidden(
              "only_select",
              "only SELECT statements can run; INSERT, UPDATE, DELETE and MERGE are not allowed, also not inside WITH");
        }
        if (w.getAlias() == null) throw unsupportedClause();
        String name = SqlGuard.identKey(w.getAlias().getName());
        addWords(w.getAlias().getName());
        Set<String> columns = null;
        if (w.getWithItemList() != null && !w.getWithItemList().isEmpty()) {
          columns = new HashSet<>();
          for (SelectItem<?> i : w.getWithItemList()) {
            if (!(i.getExpression() instanceof Column c) || i.getAlias() != null)
              throw unsupportedClause();
            columns.add(SqlGuard.identKey(c.getColumnName()));
            addWords(c.getColumnName());
          }
        } else if (w.getSelect() != null) {
          columns = outputColumns(w.getSelect().getSelect());
        }
        cteColumns.put(name, columns);
      }
      for (WithItem<?> w : with) {
        requireAbsent(w.getWithFunctionDeclaration(), w.getSearchClause(), w.getCycleClause());
        if (w.isUsingNot()) throw unsupportedClause();
        select(w.getSelect());
      }
    }
    orderBy(s.getOrderByElements());
    limit(s.getLimit());
    Offset offset = s.getOffset();
    if (offset != null) {
      expression(offset.getOffset());
      addWords(offset.getOffsetParam());
    }
    Fetch fetch = s.getFetch();
    if (fetch != null) {
      if (fetch.getFetchJdbcParameter() != null) parameter(fetch.getFetchJdbcParameter());
      expression(fetch.getExpression());
      if (fetch.getFetchParameters() != null) fetch.getFetchParameters().forEach(this::addWords);
      addWords(fetch.getFetchParam());
    }
  }

  private final class Selects extends SelectVisitorAdapter<Void> {
    @Override
    public <S> Void visit(PlainSelect p, S context) {
      plainSelect(p);
      return null;
    }

    @Override
    public <S> Void visit(SetOperationList list, S context) {
      requireAbsent(list.getSampleClause());
      for (SetOperation op : list.getOperations()) {
        addWords(op.getModifier());
      }
      for (Select s : list.getSelects()) select(s);
      return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect p, S context) {
      parenthesedSelect(p);
      return null;
    }

    @Override
    public <S> Void visit(Values v, S context) {
      values(v);
      return null;
    }

    @Override
    public <S> Void visit(LateralSubSelect l, S context) {
      parenthesedSelect(l);
      return null;
    }

    @Override
    public <S> Void visit(WithItem<?> w, S context) {
      throw unsupported(WithItem.class);
    }

    @Override
    public <S> Void visit(PivotQuery p, S context) {
      throw unsupported(PivotQuery.class);
    }

    @Override
    public <S> Void visit(FromQuery f, S context) {
      throw unsupported(FromQuery.class);
    }

    @Override
    public <S> Void visit(TableStatement t, S context) {
      throw onlySelect();
    }
  }

  private void plainSelect(PlainSelect p) {
    if ((p.getIntoTables() != null && !p.getIntoTables().isEmpty())
        || p.getIntoTempTable() != null
        || p.getMySqlSelectIntoClause() != null) {
      throw ApiException.forbidden(
          "only_select", "SELECT … INTO creates a table and is not allowed; use a plain SELECT");
    }
    requireAbsent(
        p.getPreWhere(),
        p.getSampleClause(),
        p.getOptimizeFor(),
        p.getTop(),
        p.getSkip(),
        p.getFirst(),
        p.getBigQuerySelectQualifier(),
        p.getQualify(),
        p.getOracleHierarchical(),
        p.getPreferringClause(),
        p.getOracleHint(),
        p.getForXmlPath(),
        p.getKsqlWindow(),
        p.getMySqlSqlCacheFlag());
    if (p.getEmitMode() != null && p.getEmitMode() != PlainSelect.EmitMode.NONE)
      throw unsupportedClause();
    requireNone(p.getLateralViews());
    requireNone(p.getSettings());
    if (p.getMySqlHintStraightJoin() || p.getMySqlSqlCalcFoundRows()) throw unsupportedClause();
    // FROM first: the select list, WHERE and the rest refer to its aliases.
    fromItem(p.getFromItem());
    if (p.getJoins() != null) {
      for (Join j : p.getJoins()) join(j);
    }
    Distinct d = p.getDistinct();
    if (d != null) {
      if (d.isUseUnique() || d.isUseDistinctRow()) throw unsupportedClause();
      if (d.getOnSelectItems() != null) d.getOnSelectItems().forEach(this::selectItem);
    }
    for (SelectItem<?> item : p.getSelectItems()) selectItem(item);
    expression(p.getWhere());
    GroupByElement g = p.getGroupBy();
    if (g != null) {
      if (g.isMysqlWithRollup()) throw unsupportedClause();
      expressions(g.getGroupByExpressionList());
      if (g.getGroupingSets() != null) {
        for (ExpressionList<Expression> set : g.getGroupingSets()) expressions(set);
      }
    }
    expression(p.getHaving());
    if (p.getWindowDefinitions() != null) {
      for (WindowDefinition w : p.getWindowDefinitions()) windowDefinition(w);
    }
  }

  private void parenthesedSelect(ParenthesedSelect p) {
    requireAbsent(p.getPivot(), p.getUnPivot(), p.getSampleClause());
    if (p instanceof LateralSubSelect l) addWords(l.getPrefix());
    select(p.getSelect());
  }

  private void values(Values v) {
    requireAbsent(v.getPivot(), v.getUnPivot(), v.getSampleClause());
    expressions(v.getExpressions());
  }

  private void selectItem(SelectItem<?> item) {
    Expression e = item.getExpression();
    Alias alias = item.getAlias();
    if (alias != null && alias.getName() != null && alias.getName().startsWith("'")) {
      // JSqlParser reads "text 'x'" as a column with a string alias; PostgreSQL reads a typed
      // literal, which the guard's token check has already matched against the cast allow-list.
      // Any other string alias is not PostgreSQL syntax.
      if (!(e instanceof Column c)
          || c.getTable() != null
          || !SqlFunctions.CAST_TYPES.contains(SqlGuard.identKey(c.getColumnName()))) {
        throw ApiException.badRequest(
            "unsupported_syntax", "a column alias must be a name, not a string");
      }
      addWords(c.getColumnName());
      literal(alias.getName());
      return;
    }
    alias(alias);
    expression(e);
  }

  private void alias(Alias alias) {
    if (alias == null) return;
    if (alias.getName() != null && alias.getName().startsWith("'")) {
      throw ApiException.badRequest("unsupported_syntax", "an alias must be a name, not a string");
    }
    addWords(alias.getName());
    if (alias.getAliasColumns() != null) {
      for (Alias.AliasColumn c : alias.getAliasColumns()) {
        if (c.colDataType != null) throw unsupportedClause();
        addWords(c.name);
      }
    }
  }

  private void join(Join j) {
    if (j.isApply()
        || j.isSemi()
        || j.isStraight()
        || j.isWindowJoin()
        || j.isGlobal()
        || j.isAsOf()
        || j.isAny()
        || j.isAll()
        || j.isArray()
        || j.isFetch()) {
      throw unsupportedClause();
    }
    requireAbsent(j.getJoinHint(), j.getJoinWindow());
    fromItem(j.getRightItem());
    if (j.getOnExpressions() != null) {
      for (Expression on : j.getOnExpressions()) expression(on);
    }
    if (j.getUsingColumns() != null) {
      for (Column c : j.getUsingColumns()) {
        if (c.getTable() != null) throw unsupportedClause();
        addWords(c.getColumnName());
      }
    }
  }

  private void orderBy(List<OrderByElement> elements) {
    if (elements == null) return;
    for (OrderByElement o : elements) {
      requireAbsent(o.getWithFill());
      if (o.isMysqlWithRollup()) throw unsupportedClause();
      expression(o.getExpression());
      if (o.getNullOrdering() != null) addWords(o.getNullOrdering().name());
    }
  }

  private void limit(Limit l) {
    if (l == null) return;
    requireNone(l.getByExpressions());
    expression(l.getRowCount());
    expression(l.getOffset());
  }

  private void windowDefinition(WindowDefinition w) {
    addWords(w.getWindowName());
    expressions(w.getPartitionExpressionList());
    orderBy(w.getOrderByElements());
    windowElement(w.getWindowElement());
  }

  private void windowElement(WindowElement w) {
    if (w == null) return;
    if (w.getType() != null) addWords(w.getType().name());
    if (w.getExclusion() != null) addWords(w.getExclusion().name());
    windowOffset(w.getOffset());
    WindowRange r = w.getRange();
    if (r != null) {
      windowOffset(r.getStart());
      windowOffset(r.getEnd());
    }
  }

  private void windowOffset(WindowOffset o) {
    if (o == null) return;
    if (o.getType() != null) addWords(o.getType().name());
    expression(o.getExpression());
  }

  // ---------------------------------------------------------------------------------------------
  // FROM

  private final class FromItems extends FromItemVisitorAdapter<Void> {
    @Override
    public <S> Void visit(Table t, S context) {
      table(t);
      return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect p, S context) {
      alias(p.getAlias());
      parenthesedSelect(p);
      bind(p.getAlias(), null, withAliasColumns(p.getAlias(), outputColumns(p.getSelect())));
      return null;
    }

    @Override
    public <S> Void visit(LateralSubSelect l, S context) {
      return visit((ParenthesedSelect) l, context);
    }

    @Override
    public <S> Void visit(TableFunction f, S context) {
      tableFunction(f);
      return null;
    }

    @Override
    public <S> Void visit(ParenthesedFromItem p, S context) {
      requireAbsent(p.getPivot(), p.getUnPivot(), p.getSampleClause());
      alias(p.getAlias());
      fromItem(p.getFromItem());
      if (p.getJoins() != null) {
        for (Join j : p.getJoins()) join(j);
      }
      // (VALUES …) v and ((SELECT …)) v are read as a parenthesised FROM item.
      Set<String> columns =
          p.getJoins() == null || p.getJoins().isEmpty()
              ? p.getFromItem() instanceof Values v
                  ? valuesColumns(v)
                  : p.getFromItem() instanceof ParenthesedSelect ps
                      ? outputColumns(ps.getSelect())
                      : null
              : null;
      bind(p.getAlias(), null, withAliasColumns(p.getAlias(), columns));
      return null;
    }

    @Override
    public <S> Void visit(Values v, S context) {
      alias(v.getAlias());
      values(v);
      bind(v.getAlias(), null, withAliasColumns(v.getAlias(), valuesColumns(v)));
      return null;
    }

    @Override
    public <S> Void visit(PlainSelect p, S context) {
      throw unsupported(PlainSelect.class);
    }

    @Override
    public <S> Void visit(SetOperationList s, S context) {
      throw unsupported(SetOperationList.class);
    }

    @Override
    public <S> Void visit(TableStatement t, S context) {
      throw onlySelect();
    }

    @Override
    public <S> Void visit(FromQuery f, S context) {
      throw unsupported(FromQuery.class);
    }
  }

  private void table(Table t) {
    requireAbsent(
        t.getPivot(),
        t.getUnPivot(),
        t.getSampleClause(),
        t.getIndexHint(),
        t.getSqlServerHints(),
        t.getTimeTravel(),
        t.getTimeTravelStrAfterAlias());
    List<String> parts = t.getNameParts();
    if (parts == null || parts.isEmpty() || t.getName() == null) {
      throw ApiException.badRequest("syntax_error", "a table reference has no name");
    }
    parts.forEach(this::addWords);
    if (parts.size() > 1) {
      // Echo only the last part: the schema part may be another project's internal name.
      throw schemaQualified(display(t.getName()));
    }
    alias(t.getAlias());
    String key = SqlGuard.identKey(t.getName());
    if (cteColumns.containsKey(key)) {
      bind(t.getAlias(), key, withAliasColumns(t.getAlias(), cteColumns.get(key)));
      return;
    }
    String dataset = allowedTables.get(key);
    if (dataset == null) {
      throw ApiException.forbidden(
          "table_not_allowed",
          "table \"" + display(t.getName()) + "\" is not a dataset of this project");
    }
    referenced.add(dataset);
    // A dataset's columns are not known to the guard: see checkQualifiedColumn.
    bind(t.getAlias(), key, null);
  }

  private void tableFunction(TableFunction tf) {
    requireAbsent(tf.getPivot(), tf.getUnPivot(), tf.getSampleClause());
    Function f = tf.getFunction();
    if (f == null || tf.getRowsFromFunctions() != null || tf.isRowsFrom()) {
      throw ApiException.badRequest(
          "unsupported_syntax", "this table function form is not supported");
    }
    addWords(tf.getPrefix());
    addWords(tf.getWithClause());
    alias(tf.getAlias());
    String name = functionName(f);
    if (!SqlFunctions.TABLE_FUNCTIONS.contains(name)) {
      throw ApiException.forbidden(
          "function_not_allowed", "function \"" + name + "\" cannot be used in FROM");
    }
    functionArguments(f);
    // Its output columns: the column aliases, or the alias (or the function's name) for a function
    // returning one value; the json_each family returns key/value; WITH ORDINALITY adds one.
    Set<String> columns = new HashSet<>();
    Alias alias = tf.getAlias();
    if (alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
      for (Alias.AliasColumn c : alias.getAliasColumns()) columns.add(SqlGuard.identKey(c.name));
    } else {
      columns.add(alias != null ? SqlGuard.identKey(alias.getName()) : name);
      if (name.endsWith("_each") || name.endsWith("_each_text")) {
        columns.add("key");
        columns.add("value");
      }
      if (tf.getWithClause() != null
          && tf.getWithClause().toLowerCase(Locale.ROOT).contains("ordinality")) {
        columns.add("ordinality");
      }
    }
    bind(alias, name, columns);
  }

  private void bind(Alias alias, String unaliasedName, Set<String> columns) {
    String name = alias != null ? SqlGuard.identKey(alias.getName()) : unaliasedName;
    if (name == null) return;
    bindings.computeIfAbsent(name, k -> new ArrayList<>()).add(columns);
  }

  private static Set<String> withAliasColumns(Alias alias, Set<String> columns) {
    if (alias == null || alias.getAliasColumns() == null || alias.getAliasColumns().isEmpty())
      return columns;
    Set<String> out = columns == null ? null : new HashSet<>(columns);
    if (out == null) return null;
    for (Alias.AliasColumn c : alias.getAliasColumns()) out.add(SqlGuard.identKey(c.name));
    return out;
  }

  /** VALUES names its columns column1, column2, … */
  private static Set<String> valuesColumns(Values v) {
    Set<String> columns = new HashSet<>();
    int width =
        v.getExpressions() == null || v.getExpressions().isEmpty()
            ? 0
            : v.getExpressions().get(0) instanceof ExpressionList<?> row ? row.size() : 1;
    for (int i = 1; i <= width; i++) columns.add("column" + i);
    return columns;
  }

  /**
   * The names a query's output columns can be referred to by, or {@code null} when that is not
   * known here (a {@code *}, a shape not read here). Pure: reads select items, walks nothing.
   */
  private static Set<String> outputColumns(Select s) {
    if (s instanceof ParenthesedSelect p) return outputColumns(p.getSelect());
    if (s instanceof SetOperationList list) {
      return list.getSelects() == null || list.getSelects().isEmpty()
          ? null
          : outputColumns(list.getSelects().get(0));
    }
    if (s instanceof Values v) return valuesColumns(v);
    if (!(s instanceof PlainSelect p) || p.getSelectItems() == null) return null;
    Set<String> out = new HashSet<>();
    for (SelectItem<?> item : p.getSelectItems()) {
      Expression e = item.getExpression();
      if (item.getAlias() != null
          && item.getAlias().getName() != null
          && !item.getAlias().getName().startsWith("'")) {
        out.add(SqlGuard.identKey(item.getAlias().getName()));
      } else if (e instanceof AllColumns) {
        return null;
      } else if (e instanceof Column c) {
        out.add(SqlGuard.identKey(c.getColumnName()));
      } else if (e instanceof Function f
          && f.getMultipartName() != null
          && !f.getMultipartName().isEmpty()) {
        out.add(SqlGuard.identKey(f.getMultipartName().get(f.getMultipartName().size() - 1)));
      } else if (e instanceof CastExpression c && c.getLeftExpression() instanceof Column col) {
        out.add(SqlGuard.identKey(col.getColumnName()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // expressions

  private final class Expressions extends ExpressionVisitorAdapter<Void> {
    @Override
    public <S> Void visit(NullValue v, S context) {
      return null;
    }

    @Override
    public <S> Void visit(LongValue v, S context) {
      return null;
    }

    @Override
    public <S> Void visit(DoubleValue v, S context) {
      return null;
    }

    @Override
    public <S> Void visit(StringValue v, S context) {
      strings.add(v.getValue());
      return null;
    }

    @Override
    public <S> Void visit(JdbcParameter p, S context) {
      parameter(p);
      return null;
    }

    @Override
    public <S> Void visit(BooleanValue v, S context) {
      return null;
    }

    @Override
    public <S> Void visit(DateTimeLiteralExpression d, S context) {
      String type = d.getType() == null ? "" : d.getType().name().toLowerCase(Locale.ROOT);
      addWords(type);
      checkCastType(type);
      literal(d.getValue());
      return null;
    }

    @Override
    public <S> Void visit(IntervalExpression i, S context) {
      requireAbsent(i.getIntervalQualifier());
      literal(i.getParameter());
      addWords(i.getIntervalType());
      expression(i.getExpression());
      return null;
    }

    @Override
    public <S> Void visit(TimeKeyExpression k, S context) {
      String v =
          k.getStringValue() == null ? "" : k.getStringValue().toLowerCase(Locale.ROOT).trim();
      if (!SqlFunctions.ALLOWED_TIME_KEYWORDS.contains(v)) {
        throw functionNotAllowed(v);
      }
      addWords(v);
      return null;
    }

    @Override
    public <S> Void visit(DateUnitExpression d, S context) {
      if (d.getType() != null) addWords(d.getType().name());
      return null;
    }

    @Override
    public <S> Void visit(SignedExpression s, S context) {
      expression(s.getExpression());
      return null;
    }

    /** Also {@link Parenthesis} and {@link ParenthesedExpressionList}, which accept as a list. */
    @Override
    public <S> Void visit(ExpressionList<? extends Expression> list, S context) {
      expressions(list);
      return null;
    }

    @Override
    public <S> Void visit(RowConstructor<? extends Expression> row, S context) {
      if (row.getName() != null && !row.getName().equalsIgnoreCase("row")) {
        throw functionNotAllowed(SqlGuard.identKey(row.getName()));
      }
      addWords(row.getName());
      expressions(row);
      return null;
    }

    @Override
    public <S> Void visit(Column c, S context) {
      column(c);
      return null;
    }

    @Override
    public <S> Void visit(AllColumns a, S context) {
      allColumns(a);
      return null;
    }

    @Override
    public <S> Void visit(AllTableColumns a, S context) {
      allColumns(a);
      Table t = a.getTable();
      if (t != null && t.getNameParts() != null) {
        if (t.getNameParts().size() > 1) throw schemaQualified(display(t.getName()));
        t.getNameParts().forEach(SqlTreeCheck.this::addWords);
      }
      return null;
    }

    @Override
    public <S> Void visit(Function f, S context) {
      function(f);
      return null;
    }

    @Override
    public <S> Void visit(AnalyticExpression a, S context) {
      analytic(a);
      return null;
    }

    @Override
    public <S> Void visit(CastExpression c, S context) {
      if (c.getColumnDefinitions() != null && !c.getColumnDefinitions().isEmpty())
        throw unsupportedClause();
      requireAbsent(c.getFormat());
      checkCastType(c.getColDataType());
      expression(c.getLeftExpression());
      return null;
    }

    @Override
    public <S> Void visit(CaseExpression c, S context) {
      expression(c.getSwitchExpression());
      if (c.getWhenClauses() != null) {
        for (WhenClause w : c.getWhenClauses()) expression(w);
      }
      expression(c.getElseExpression());
      return null;
    }

    @Override
    public <S> Void visit(WhenClause w, S context) {
      expression(w.getWhenExpression());
      expression(w.getThenExpression());
      return null;
    }

    @Override
    public <S> Void visit(ExtractExpression e, S context) {
      addWords(e.getName());
      expression(e.getExpression());
      return null;
    }

    @Override
    public <S> Void visit(TrimFunction t, S context) {
      if (t.getTrimSpecification() != null) addWords(t.getTrimSpecification().name());
      expression(t.getExpression());
      expression(t.getFromExpression());
      return null;
    }

    @Override
    public <S> Void visit(JsonExpression j, S context) {
      expression(j.getExpression());
      expressions(j.getIdents());
      return null;
    }

    @Override
    public <S> Void visit(CollateExpression c, S context) {
      addWords(c.getCollate());
      expression(c.getLeftExpression());
      return null;
    }

    @Override
    public <S> Void visit(TimezoneExpression t, S context) {
      expression(t.getLeftExpression());
      expressions(t.getTimezoneExpressions());
      return null;
    }

    @Override
    public <S> Void visit(ArrayExpression a, S context) {
      expression(a.getObjExpression());
      expression(a.getIndexExpression());
      expression(a.getStartIndexExpression());
      expression(a.getStopIndexExpression());
      return null;
    }

    @Override
    public <S> Void visit(ArrayConstructor a, S context) {
      if (a.getDataType() != null) checkCastType(a.getDataType());
      expressions(a.getExpressions());
      return null;
    }

    @Override
    public <S> Void visit(RangeExpression r, S context) {
      expression(r.getStartExpression());
      expression(r.getEndExpression());
      return null;
    }

    @Override
    public <S> Void visit(AnyComparisonExpression a, S context) {
      if (a.getAnyType() != null) addWords(a.getAnyType().name());
      select(a.getSelect());
      return null;
    }

    @Override
    public <S> Void visit(NotExpression n, S context) {
      expression(n.getExpression());
      return null;
    }

    @Override
    public <S> Void visit(ExistsExpression e, S context) {
      expression(e.getRightExpression());
      return null;
    }

    @Override
    public <S> Void visit(InExpression in, S context) {
      if (in.isGlobal() || in.getOldOracleJoinSyntax() != 0 || in.getOraclePriorPosition() != 0) {
        throw unsupportedClause();
      }
      expression(in.getLeftExpression());
      expression(in.getRightExpression());
      return null;
    }

    @Override
    public <S> Void visit(Between b, S context) {
      oracleJoin(b.getOldOracleJoinSyntax(), b.getOraclePriorPosition());
      expression(b.getLeftExpression());
      expression(b.getBetweenExpressionStart());
      expression(b.getBetweenExpressionEnd());
      return null;
    }

    @Override
    public <S> Void visit(IsNullExpression i, S context) {
      oracleJoin(i.getOldOracleJoinSyntax(), i.getOraclePriorPosition());
      expression(i.getLeftExpression());
      return null;
    }

    @Override
    public <S> Void visit(IsBooleanExpression i, S context) {
      oracleJoin(i.getOldOracleJoinSyntax(), i.getOraclePriorPosition());
      expression(i.getLeftExpression());
      return null;
    }

    @Override
    public <S> Void visit(OverlapsCondition o, S context) {
      expressions(o.getLeft());
      expressions(o.getRight());
      return null;
    }

    /**
     * A subquery in an expression ({@code (SELECT …)}, {@code IN (SELECT …)}, {@code EXISTS (…)}).
     */
    @Override
    public <S> Void visit(Select s, S context) {
      if (s instanceof ParenthesedSelect p) {
        requireAbsent(p.getAlias());
        parenthesedSelect(p);
      } else {
        select(s);
      }
      return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect p, S context) {
      return visit((Select) p, context);
    }

    @Override
    public <S> Void visit(LikeExpression l, S context) {
      oracleJoin(l.getOldOracleJoinSyntax(), l.getOraclePriorPosition());
      if (l.isUseBinary()) throw unsupportedClause();
      binary(l);
      expression(l.getEscape());
      return null;
    }

    @Override
    public <S> Void visit(SimilarToExpression s, S context) {
      oracleJoin(s.getOldOracleJoinSyntax(), s.getOraclePriorPosition());
      binary(s);
      literal(s.getEscape());
      return null;
    }

    @Override
    public <S> Void visit(IsDistinctExpression i, S context) {
      oracleJoin(i.getOldOracleJoinSyntax(), i.getOraclePriorPosition());
      binary(i);
      return null;
    }

    @Override
    public <S> Void visit(EqualsTo e, S context) {
      return comparison(e);
    }

    @Override
    public <S> Void visit(NotEqualsTo e, S context) {
      return comparison(e);
    }

    @Override
    public <S> Void visit(GreaterThan e, S context) {
      return comparison(e);
    }

    @Override
    public <S> Void visit(GreaterThanEquals e, S context) {
      return comparison(e);
    }

    @Override
    public <S> Void visit(MinorThan e, S context) {
      return comparison(e);
    }

    @Override
    public <S> Void visit(MinorThanEquals e, S context) {
      return comparison(e);
    }

    @Override
    public <S> Void visit(AndExpression e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(OrExpression e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(Addition e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(Subtraction e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(Multiplication e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(Division e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(IntegerDivision e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(Modulo e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(Concat e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(BitwiseAnd e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(BitwiseOr e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(BitwiseXor e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(BitwiseLeftShift e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(BitwiseRightShift e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(ContainedBy e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(Contains e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(DoubleAnd e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(JsonOperator e, S context) {
      return binary(e);
    }

    @Override
    public <S> Void visit(RegExpMatchOperator e, S context) {
      return binary(e);
    }

    private Void comparison(BinaryExpression e) {
      if (e instanceof OldOracleJoinBinaryExpression o) {
        oracleJoin(o.getOldOracleJoinSyntax(), o.getOraclePriorPosition());
      }
      return binary(e);
    }

    private Void binary(BinaryExpression e) {
      expression(e.getLeftExpression());
      expression(e.getRightExpression());
      return null;
    }
  }

  private static void oracleJoin(int syntax, int prior) {
    if (syntax != 0 || prior != 0) throw unsupportedClause();
  }

  private static void allColumns(AllColumns a) {
    if ((a.getExceptColumns() != null && !a.getExceptColumns().isEmpty())
        || (a.getReplaceExpressions() != null && !a.getReplaceExpressions().isEmpty())
        || a.getExceptKeyword() != null) {
      throw unsupportedClause();
    }
  }

  private void column(Column c) {
    String name = c.getColumnName();
    if (name == null)
      throw ApiException.badRequest("syntax_error", "a column reference has no name");
    addWords(name);
    Table qualifier = c.getTable();
    if (qualifier == null
        || qualifier.getNameParts() == null
        || qualifier.getNameParts().isEmpty()) {
      if (!name.startsWith("\"")
          && SqlFunctions.PARENLESS_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT))) {
        throw functionNotAllowed(name.toLowerCase(Locale.ROOT));
      }
      return;
    }
    qualifier.getNameParts().forEach(this::addWords);
    if (qualifier.getNameParts().size() > 1) {
      throw schemaQualified(display(qualifier.getName()));
    }
    checkQualifiedColumn(SqlGuard.identKey(qualifier.getName()), SqlGuard.identKey(name));
  }

  /**
   * {@code q.c} is a column of q, or, when q has no column c, PostgreSQL's attribute notation for
   * the call {@code c(q)} ({@code g.setseed} is {@code setseed(g)}). So unless c is known to be a
   * column of what q stands for, c is checked like any function name (also when q is no FROM alias
   * at all, which PostgreSQL 15 refuses, but a later version could read as {@code (q).c}).
   * Datasets' columns are not known to the guard: a row of a dataset (a composite value) can only
   * reach functions that take a row or any type, and those that are not on the allow-list are
   * refused by name ({@link SqlFunctions#ROW_ARGUMENT_FUNCTIONS}, kept complete by {@code
   * ReaderFunctionsIT}).
   */
  private void checkQualifiedColumn(String qualifier, String column) {
    if (SqlFunctions.ALLOWED.contains(column)) return; // a column, or a call that is allowed anyway
    List<Set<String>> bound = bindings.get(qualifier);
    if (bound == null || bound.isEmpty()) {
      throw attributeCall(column);
    }
    for (Set<String> columns : bound) {
      if (columns == null
          ? SqlFunctions.ROW_ARGUMENT_FUNCTIONS.contains(column)
          : !columns.contains(column)) {
        throw attributeCall(column);
      }
    }
  }

  private static ApiException attributeCall(String name) {
    return ApiException.forbidden(
        "function_not_allowed",
        "function \""
            + name
            + "\" is not allowed in queries (\"x."
            + name
            + "\" calls it when x has no column of that name)");
  }

  private void function(Function f) {
    if (f.getMultipartName() != null && f.getMultipartName().size() > 1) {
      throw ApiException.forbidden(
          "function_not_allowed",
          "schema-qualified function names cannot be used (\""
              + String.join(".", f.getMultipartName())
              + "\")");
    }
    if (f.getAttribute() != null || f.getAttributeColumn() != null) {
      throw ApiException.badRequest(
          "unsupported_syntax", "function attribute access is not supported");
    }
    requireAbsent(
        f.getKeep(),
        f.getHavingClause(),
        f.getLimit(),
        f.getExtraKeyword(),
        f.getOnOverflowTruncate(),
        f.getChainedParameters());
    if (f.isEscaped()) throw unsupportedClause();
    functionName(f);
    if (f.getNamedParameters() != null) {
      // substring(x FROM 1 FOR 3), overlay(x PLACING y FROM 1): SQL-standard argument syntax.
      for (String n : f.getNamedParameters().getNames()) {
        String keyword = n == null ? "" : n.toLowerCase(Locale.ROOT).trim();
        if (!keyword.isEmpty() && !STANDARD_ARGUMENT_KEYWORDS.contains(keyword))
          throw unsupportedClause();
      }
      expressions(f.getNamedParameters());
    }
    if (f.getKeywordArguments() != null) {
      for (Function.KeywordArgument k : f.getKeywordArguments()) {
        String keyword =
            k.getKeyword() == null ? "" : k.getKeyword().toLowerCase(Locale.ROOT).trim();
        if (!STANDARD_ARGUMENT_KEYWORDS.contains(keyword)) throw unsupportedClause();
        expression(k.getExpression());
      }
    }
    if (f.getNullHandling() != null) addWords(f.getNullHandling().name());
    functionArguments(f);
  }

  private void functionArguments(Function f) {
    expressions(f.getParameters());
    orderBy(f.getOrderByElements());
  }

  private String functionName(Function f) {
    List<String> parts = f.getMultipartName();
    if (parts == null || parts.size() != 1) {
      throw ApiException.forbidden(
          "function_not_allowed", "schema-qualified function names cannot be used");
    }
    addWords(parts.get(0));
    return checkFunctionName(parts.get(0), true);
  }

  private void analytic(AnalyticExpression a) {
    requireAbsent(a.getKeep(), a.getHavingClause(), a.getLimit(), a.getOnOverflowTruncate());
    requireNone(a.getKeywordArguments());
    if (a.isUnique() || a.isIgnoreNullsOutside()) throw unsupportedClause();
    addWords(a.getName());
    checkFunctionName(a.getName(), false);
    if (a.getType() != null) addWords(a.getType().name());
    if (a.getNullHandling() != null) addWords(a.getNullHandling().name());
    expression(a.getExpression());
    expression(a.getOffset());
    expression(a.getDefaultValue());
    expressions(a.getPartitionExpressionList());
    orderBy(a.getOrderByElements());
    orderBy(a.getFuncOrderBy());
    windowElement(a.getWindowElement());
    addWords(a.getWindowName());
    if (a.getWindowDefinition() != null) windowDefinition(a.getWindowDefinition());
    expression(a.getFilterExpression());
  }

  private String checkFunctionName(String raw, boolean mayBeQuoted) {
    if (raw == null) {
      throw ApiException.badRequest("syntax_error", "a function call has no name");
    }
    String name = SqlGuard.identKey(raw);
    if (!mayBeQuoted && raw.startsWith("\"")) {
      throw functionNotAllowed(name);
    }
    if (SqlFunctions.KEYWORD_CALLS.contains(name) && !raw.startsWith("\"")) {
      return name; // x = ANY (…), ROW (…): syntax, not calls
    }
    if (!SqlFunctions.ALLOWED.contains(name)) {
      throw functionNotAllowed(name);
    }
    return name;
  }

  private void checkCastType(ColDataType type) {
    if (type == null || type.getDataType() == null) return;
    requireAbsent(type.getCharacterSet(), type.getIntervalQualifier(), type.getXmlTypeModifier());
    addWords(type.getDataType());
    checkCastType(type.getDataType());
  }

  private static void checkCastType(String dataType) {
    String t = dataType.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    t = t.replaceAll("\\s*\\(.*$", "").replaceAll("(\\s*\\[\\s*\\d*\\s*\\])+$", "").trim();
    if (t.startsWith("\"") && t.endsWith("\"") && t.length() > 1)
      t = t.substring(1, t.length() - 1);
    if (ForbiddenIdentifiers.isForbiddenIdentifier(t)) {
      throw functionNotAllowed(t);
    }
    if (!SqlFunctions.CAST_TYPES.contains(t)) {
      throw ApiException.forbidden(
          "type_not_allowed", "values cannot be cast to type \"" + t + "\"");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** A literal the parser keeps as quoted text ({@code '1 day'}): recorded with the strings. */
  private void literal(String quoted) {
    if (quoted == null) return;
    if (quoted.length() >= 2 && quoted.startsWith("'") && quoted.endsWith("'")) {
      strings.add(quoted.substring(1, quoted.length() - 1));
    } else {
      addWords(quoted);
    }
  }

  void addWords(String text) {
    if (text == null || text.startsWith("'")) return; // a literal, not a name
    for (String w : WORD_SPLIT.split(text)) {
      if (!w.isEmpty()) words.add(w.toLowerCase(Locale.ROOT));
    }
  }

  /** Dialect parts this guard does not read: each must be absent. */
  private static void requireAbsent(Object... parts) {
    for (Object p : parts) {
      if (p != null) throw unsupportedClause();
    }
  }

  private static void requireNone(List<?> parts) {
    if (parts != null && !parts.isEmpty()) throw unsupportedClause();
  }

  private static ApiException onlySelect() {
    return ApiException.forbidden(
        "only_select",
        "only SELECT statements can run; INSERT, UPDATE, DELETE and MERGE are not allowed, also not inside WITH");
  }

  /** Only PostgreSQL's numbered {@code $n}; JDBC's {@code ?} and {@code ?n} are not PostgreSQL. */
  private void parameter(JdbcParameter p) {
    if (p.getParameterCharacter() == null
        || !p.getParameterCharacter().equals("$")
        || !p.isUseFixedIndex()
        || p.getIndex() == null) {
      throw parameters();
    }
    parameters.add(p.getIndex());
  }

  private static ApiException parameters() {
    return ApiException.badRequest("unsupported_syntax", "query parameters are written $1, $2, …");
  }

  private static ApiException unsupportedClause() {
    return ApiException.badRequest(
        "unsupported_syntax", "this SQL clause is not supported in queries");
  }

  private static ApiException unsupported(Class<?> cls) {
    String n = cls.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return ApiException.badRequest(
        "unsupported_syntax", "this SQL construct is not supported in queries: " + n);
  }

  static ApiException functionNotAllowed(String name) {
    return ApiException.forbidden(
        "function_not_allowed", "function \"" + name + "\" is not allowed in queries");
  }

  private static ApiException schemaQualified(String lastPart) {
    return ApiException.forbidden(
        "table_not_allowed",
        "schema-qualified names cannot be used; refer to datasets by their name only (\""
            + lastPart
            + "\")");
  }

  /** A name as the user meant it, without the SQL quotes. */
  static String display(String raw) {
    if (raw != null && raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
    }
    return raw;
  }
}
