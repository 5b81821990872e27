package com.analyticsstudio.semantic;

import com.analyticsstudio.semantic.Ast.Expr;
import java.util.List;

/** The names a formula mentions ({@code relation.name} for qualified ones), in order. */
final class FormulaRefs {
  private FormulaRefs() {}

  static void collect(Expr e, List<String> out) {
    if (e instanceof Ast.Ref r) {
      out.add(r.display());
    } else if (e instanceof Ast.Call c) {
      c.args().forEach(a -> collect(a, out));
    } else if (e instanceof Ast.Unary u) {
      collect(u.operand(), out);
    } else if (e instanceof Ast.Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else if (e instanceof Ast.Case c) {
      for (Ast.When w : c.whens()) {
        collect(w.condition(), out);
        collect(w.value(), out);
      }
      if (c.otherwise() != null) collect(c.otherwise(), out);
    } else if (e instanceof Ast.IsNull n) {
      collect(n.operand(), out);
    }
  }
}
