// src/cel/parser.cc
#include "cel/parser.h"

#include <vector>

#include "cel/lexer.h"

namespace gori::cel {
namespace {

class Parser {
 public:
  Parser(std::string_view src, Arena& arena, const ParseOptions& options)
      : src_(src), arena_(arena), options_(options), lexer_(src, arena) {}

  tl::expected<Expr*, ParseError> Run() {
    if (src_.size() > options_.max_size) {
      return tl::unexpected(ParseError{0, "expression size exceeds the limit of " +
                                              std::to_string(options_.max_size) + " bytes"});
    }
    Advance();
    Expr* e = ParseExpr();
    if (!failed_ && tok_.kind != Tok::kEof)
      Error(tok_.offset, "mismatched input '" + Shown() + "' expecting <EOF>");
    if (failed_) return tl::unexpected(error_);
    return e;
  }

 private:
  std::string Shown() const {
    if (tok_.kind == Tok::kEof) return "<EOF>";
    if (!tok_.text.empty() && tok_.kind != Tok::kString && tok_.kind != Tok::kBytes) {
      return std::string(tok_.text);
    }
    return std::string(src_.substr(tok_.offset, 1));
  }

  void Advance() {
    if (failed_) {
      tok_.kind = Tok::kEof;
      return;
    }
    tok_ = lexer_.Next();
    if (tok_.kind == Tok::kError) {
      Error(lexer_.error_offset(), "Syntax error: " + lexer_.error());
      tok_.kind = Tok::kEof;
    }
  }

  Expr* Error(uint32_t offset, std::string message) {
    if (!failed_) {
      failed_ = true;
      error_ = {offset, std::move(message)};
    }
    return Dummy();
  }
  Expr* Dummy() {
    if (!dummy_) dummy_ = NewExpr(ExprKind::kConst, 0);
    return dummy_;
  }

  Expr* NewExpr(ExprKind kind, uint32_t offset) {
    Expr* e = arena_.New<Expr>();
    e->kind = kind;
    e->offset = offset;
    return e;
  }
  Expr** Args(std::initializer_list<Expr*> list) {
    Expr** a = static_cast<Expr**>(arena_.Allocate(sizeof(Expr*) * list.size(), alignof(Expr*)));
    std::size_t i = 0;
    for (Expr* e : list) a[i++] = e;
    return a;
  }
  Expr** Args(const std::vector<Expr*>& v) {
    if (v.empty()) return nullptr;
    Expr** a = static_cast<Expr**>(arena_.Allocate(sizeof(Expr*) * v.size(), alignof(Expr*)));
    for (std::size_t i = 0; i < v.size(); ++i) a[i] = v[i];
    return a;
  }
  Expr* Node(ExprKind kind, uint32_t offset, std::initializer_list<Expr*> args) {
    Expr* e = NewExpr(kind, offset);
    e->args = Args(args);
    e->nargs = static_cast<uint32_t>(args.size());
    return e;
  }
  Expr* Call(std::string_view name, uint32_t offset, std::initializer_list<Expr*> args) {
    Expr* e = Node(ExprKind::kCall, offset, args);
    e->name = name;
    return e;
  }

  bool Accept(Tok k) {
    if (tok_.kind != k) return false;
    Advance();
    return true;
  }
  bool Expect(Tok k, const char* what) {
    if (Accept(k)) return true;
    if (!failed_)
      Error(tok_.offset, "Syntax error: mismatched input '" + Shown() + "' expecting " + what);
    return false;
  }

  struct DepthGuard {
    Parser* p;
    explicit DepthGuard(Parser* parser) : p(parser) { ++p->depth_; }
    ~DepthGuard() { --p->depth_; }
  };
  bool TooDeep() {
    if (depth_ > options_.max_depth) {
      Error(tok_.offset,
            "expression recursion limit exceeded: " + std::to_string(options_.max_depth));
      return true;
    }
    return false;
  }

  Expr* ParseExpr() {
    DepthGuard g(this);
    if (TooDeep()) return Dummy();
    Expr* cond = ParseOr();
    if (tok_.kind != Tok::kQuestion) return cond;
    uint32_t at = tok_.offset;
    Advance();
    Expr* a = ParseOr();
    if (!Expect(Tok::kColon, "':'")) return Dummy();
    Expr* b = ParseExpr();
    return Node(ExprKind::kCond, at, {cond, a, b});
  }

  // Chains of && and || are kept flat-balanced so long chains do not nest deeply.
  // Each operator of a chain counts as one level: the tree is left-deep, and evaluating it
  // recurses once per operator.
  struct ChainGuard {
    Parser* p;
    uint32_t n = 0;
    explicit ChainGuard(Parser* parser) : p(parser) {}
    bool Step() {
      ++n;
      ++p->depth_;
      return !p->TooDeep();
    }
    ~ChainGuard() { p->depth_ -= n; }
  };

  Expr* ParseOr() {
    ChainGuard chain(this);
    Expr* left = ParseAnd();
    while (tok_.kind == Tok::kOr && !failed_ && chain.Step()) {
      uint32_t at = tok_.offset;
      Advance();
      Expr* right = ParseAnd();
      left = Node(ExprKind::kOr, at, {left, right});
    }
    return left;
  }
  Expr* ParseAnd() {
    ChainGuard chain(this);
    Expr* left = ParseRelation();
    while (tok_.kind == Tok::kAnd && !failed_ && chain.Step()) {
      uint32_t at = tok_.offset;
      Advance();
      Expr* right = ParseRelation();
      left = Node(ExprKind::kAnd, at, {left, right});
    }
    return left;
  }
  Expr* ParseRelation() {
    ChainGuard chain(this);
    Expr* left = ParseAddition();
    while (!failed_ && chain.Step()) {
      std::string_view op;
      switch (tok_.kind) {
        case Tok::kEq:
          op = "_==_";
          break;
        case Tok::kNe:
          op = "_!=_";
          break;
        case Tok::kLt:
          op = "_<_";
          break;
        case Tok::kLe:
          op = "_<=_";
          break;
        case Tok::kGt:
          op = "_>_";
          break;
        case Tok::kGe:
          op = "_>=_";
          break;
        case Tok::kIn:
          op = "@in";
          break;
        default:
          return left;
      }
      uint32_t at = tok_.offset;
      Advance();
      Expr* right = ParseAddition();
      left = Call(op, at, {left, right});
    }
    return left;
  }
  Expr* ParseAddition() {
    ChainGuard chain(this);
    Expr* left = ParseMultiplication();
    while (!failed_ && chain.Step() && (tok_.kind == Tok::kPlus || tok_.kind == Tok::kMinus)) {
      std::string_view op = tok_.kind == Tok::kPlus ? "_+_" : "_-_";
      uint32_t at = tok_.offset;
      Advance();
      Expr* right = ParseMultiplication();
      left = Call(op, at, {left, right});
    }
    return left;
  }
  Expr* ParseMultiplication() {
    ChainGuard chain(this);
    Expr* left = ParseUnary();
    while (!failed_ && chain.Step() &&
           (tok_.kind == Tok::kStar || tok_.kind == Tok::kSlash || tok_.kind == Tok::kPercent)) {
      std::string_view op = tok_.kind == Tok::kStar    ? "_*_"
                            : tok_.kind == Tok::kSlash ? "_/_"
                                                       : "_%_";
      uint32_t at = tok_.offset;
      Advance();
      Expr* right = ParseUnary();
      left = Call(op, at, {left, right});
    }
    return left;
  }
  Expr* ParseUnary() {
    DepthGuard g(this);
    if (TooDeep()) return Dummy();
    if (tok_.kind == Tok::kBang) {
      uint32_t at = tok_.offset;
      Advance();
      Expr* operand = ParseUnary();
      return Node(ExprKind::kNot, at, {operand});
    }
    if (tok_.kind == Tok::kMinus) {
      uint32_t at = tok_.offset;
      Advance();
      // A negative number literal is one constant (so -9223372036854775808 is in range).
      if ((tok_.kind == Tok::kInt || tok_.kind == Tok::kDouble) && !NextIsMemberOp()) {
        Token lit = tok_;
        Advance();
        if (tok_.kind == Tok::kDot || tok_.kind == Tok::kLBracket) {
          // Not a plain literal after all: -(lit.member)
          Expr* c = Literal(lit);
          Expr* m = ParseMemberTail(c);
          return Node(ExprKind::kNeg, at, {m});
        }
        Expr* c = NewExpr(ExprKind::kConst, at);
        if (lit.kind == Tok::kInt) {
          c->constant = Value::Int(static_cast<int64_t>(0 - lit.u));
        } else {
          c->constant = Value::Double(-lit.d);
        }
        return c;
      }
      Expr* operand = ParseUnary();
      return Node(ExprKind::kNeg, at, {operand});
    }
    return ParseMember();
  }
  bool NextIsMemberOp() { return false; }

  Expr* Literal(const Token& lit) {
    Expr* c = NewExpr(ExprKind::kConst, lit.offset);
    switch (lit.kind) {
      case Tok::kInt:
        if (lit.int_overflow) return Error(lit.offset, "invalid int literal: out of range");
        c->constant = Value::Int(static_cast<int64_t>(lit.u));
        break;
      case Tok::kUint:
        c->constant = Value::Uint(lit.u);
        break;
      case Tok::kDouble:
        c->constant = Value::Double(lit.d);
        break;
      case Tok::kString:
        c->constant = Value::String(lit.text);
        break;
      case Tok::kBytes:
        c->constant = Value::Bytes(lit.text);
        break;
      case Tok::kTrue:
        c->constant = Value::Bool(true);
        break;
      case Tok::kFalse:
        c->constant = Value::Bool(false);
        break;
      default:
        c->constant = Value::Null();
        break;
    }
    return c;
  }

  Expr* ParseMember() {
    Expr* e = ParsePrimary();
    return ParseMemberTail(e);
  }

  Expr* ParseMemberTail(Expr* e) {
    ChainGuard chain(this);
    while (!failed_ && chain.Step()) {
      if (tok_.kind == Tok::kDot) {
        uint32_t dot = tok_.offset;
        Advance();
        bool optional = false;
        if (tok_.kind == Tok::kQuestion) {
          optional = true;
          Advance();
        }
        uint32_t at = tok_.offset;
        std::string_view name;
        if (tok_.kind == Tok::kIdent) {
          name = tok_.text;  // reserved words are fine as field and method names
        } else if (tok_.kind == Tok::kBacktick) {
          name = tok_.text;
        } else {  // `in`, `true`, `false` and `null` are not identifiers (`x.true` is an error)
          return Error(tok_.offset,
                       "Syntax error: mismatched input '" + Shown() + "' expecting IDENTIFIER");
        }
        bool quoted = tok_.kind == Tok::kBacktick;
        Advance();
        if (tok_.kind == Tok::kLParen && !optional && !quoted) {
          Advance();
          std::vector<Expr*> args{e};
          ParseArgs(args, Tok::kRParen);
          if (!Expect(Tok::kRParen, "')'")) return Dummy();
          e = MemberCall(name, at, std::move(args));
          continue;
        }
        Expr* s =
            Node(optional ? ExprKind::kOptSelect : ExprKind::kSelect, optional ? dot : at, {e});
        s->name = name;
        s->two_var = quoted;  // a quoted field never forms a qualified name
        e = s;
      } else if (tok_.kind == Tok::kLBracket) {
        uint32_t at = tok_.offset;
        Advance();
        bool optional = Accept(Tok::kQuestion);
        Expr* index = ParseExpr();
        if (!Expect(Tok::kRBracket, "']'")) return Dummy();
        e = Node(optional ? ExprKind::kOptIndex : ExprKind::kIndex, at, {e, index});
      } else if (tok_.kind == Tok::kLBrace && IsQualifiedName(e)) {
        e = ParseStruct(e);
      } else {
        return e;
      }
    }
    return e;
  }

  static bool IsQualifiedName(const Expr* e) {
    while (e->kind == ExprKind::kSelect) e = e->args[0];
    return e->kind == ExprKind::kIdent;
  }

  Expr* ParseStruct(Expr* type_name) {
    uint32_t at = tok_.offset;
    Advance();
    std::vector<Expr*> fields;
    while (!failed_ && tok_.kind != Tok::kRBrace) {
      Accept(Tok::kQuestion);
      if (tok_.kind != Tok::kIdent && tok_.kind != Tok::kBacktick) {
        return Error(tok_.offset,
                     "Syntax error: mismatched input '" + Shown() + "' expecting IDENTIFIER");
      }
      Advance();
      if (!Expect(Tok::kColon, "':'")) return Dummy();
      fields.push_back(ParseExpr());
      if (!Accept(Tok::kComma)) break;
    }
    if (!Expect(Tok::kRBrace, "'}'")) return Dummy();
    Expr* s = NewExpr(ExprKind::kStruct, at);
    s->args = Args({type_name});
    s->nargs = 1;
    return s;
  }

  void ParseArgs(std::vector<Expr*>& args, Tok close) {
    if (tok_.kind == close) return;
    while (!failed_) {
      args.push_back(ParseExpr());
      if (!Accept(Tok::kComma)) break;
      if (tok_.kind == close) break;
    }
  }

  Expr* ParsePrimary() {
    DepthGuard g(this);
    if (TooDeep()) return Dummy();
    Token t = tok_;
    switch (t.kind) {
      case Tok::kInt:
      case Tok::kUint:
      case Tok::kDouble:
      case Tok::kString:
      case Tok::kBytes:
      case Tok::kTrue:
      case Tok::kFalse:
      case Tok::kNull:
        Advance();
        return Literal(t);
      case Tok::kDot: {
        // A leading dot names the root scope: `.name`.
        Advance();
        if (tok_.kind != Tok::kIdent)
          return Error(tok_.offset,
                       "Syntax error: mismatched input '" + Shown() + "' expecting IDENTIFIER");
        Token id = tok_;
        Advance();
        return IdentOrCall(id, true);
      }
      case Tok::kIdent:
        Advance();
        return IdentOrCall(t, false);
      case Tok::kLParen: {
        Advance();
        Expr* e = ParseExpr();
        if (!Expect(Tok::kRParen, "')'")) return Dummy();
        return e;
      }
      case Tok::kLBracket: {
        Advance();
        std::vector<Expr*> items;
        std::vector<bool> opts;
        bool any_opt = false;
        while (!failed_ && tok_.kind != Tok::kRBracket) {
          bool o = Accept(Tok::kQuestion);
          any_opt |= o;
          opts.push_back(o);
          items.push_back(ParseExpr());
          if (!Accept(Tok::kComma)) break;
        }
        if (!Expect(Tok::kRBracket, "']'")) return Dummy();
        Expr* e = NewExpr(ExprKind::kList, t.offset);
        e->args = Args(items);
        e->nargs = static_cast<uint32_t>(items.size());
        if (any_opt) e->opt = CopyFlags(opts);
        return e;
      }
      case Tok::kLBrace: {
        Advance();
        std::vector<Expr*> items;
        std::vector<bool> opts;
        bool any_opt = false;
        while (!failed_ && tok_.kind != Tok::kRBrace) {
          bool o = Accept(Tok::kQuestion);
          any_opt |= o;
          opts.push_back(o);
          items.push_back(ParseExpr());
          if (!Expect(Tok::kColon, "':'")) return Dummy();
          items.push_back(ParseExpr());
          if (!Accept(Tok::kComma)) break;
        }
        if (!Expect(Tok::kRBrace, "'}'")) return Dummy();
        Expr* e = NewExpr(ExprKind::kMap, t.offset);
        e->args = Args(items);
        e->nargs = static_cast<uint32_t>(items.size());
        if (any_opt) e->opt = CopyFlags(opts);
        return e;
      }
      case Tok::kEof:
        return Error(t.offset, "Syntax error: mismatched input '<EOF>' expecting expression");
      default:
        return Error(t.offset, "Syntax error: mismatched input '" + Shown() + "'");
    }
  }

  const bool* CopyFlags(const std::vector<bool>& v) {
    bool* p = static_cast<bool*>(arena_.Allocate(v.size(), 1));
    for (std::size_t i = 0; i < v.size(); ++i) p[i] = v[i];
    return p;
  }

  Expr* IdentOrCall(const Token& id, bool rooted) {
    if (IsReservedWord(id.text))
      return Error(id.offset, "reserved identifier: " + std::string(id.text));
    if (tok_.kind == Tok::kLParen) {
      Advance();
      std::vector<Expr*> args;
      ParseArgs(args, Tok::kRParen);
      if (!Expect(Tok::kRParen, "')'")) return Dummy();
      return GlobalCall(id.text, id.offset, std::move(args));
    }
    Expr* e = NewExpr(ExprKind::kIdent, id.offset);
    e->name = id.text;
    e->has_filter = rooted;
    return e;
  }

  Expr* GlobalCall(std::string_view name, uint32_t at, std::vector<Expr*> args) {
    if (options_.macros && name == "has" && args.size() == 1) {
      Expr* a = args[0];
      if (a->kind != ExprKind::kSelect) return Error(at, "invalid argument to has() macro");
      Expr* h = NewExpr(ExprKind::kHas, a->offset);
      h->args = a->args;
      h->nargs = 1;
      h->name = a->name;
      return h;
    }
    Expr* e = NewExpr(ExprKind::kCall, at);
    e->name = name;
    e->args = Args(args);
    e->nargs = static_cast<uint32_t>(args.size());
    return e;
  }

  bool LoopVar(Expr* e, std::string_view* name) {
    if (e->kind != ExprKind::kIdent || e->has_filter) {
      Error(e->offset, "argument must be a simple name");
      return false;
    }
    *name = e->name;
    return true;
  }

  Expr* Macro(ExprKind kind, uint32_t at, Expr* range, std::string_view v1, std::string_view v2,
              std::initializer_list<Expr*> rest, bool two_var) {
    Expr* e = NewExpr(kind, at);
    std::vector<Expr*> a{range};
    a.insert(a.end(), rest.begin(), rest.end());
    e->args = Args(a);
    e->nargs = static_cast<uint32_t>(a.size());
    e->name = v1;
    e->name2 = v2;
    e->two_var = two_var;
    return e;
  }

  Expr* MemberCall(std::string_view name, uint32_t at, std::vector<Expr*> args) {
    std::size_t n = args.size() - 1;  // without the receiver
    Expr* target = args[0];
    if (options_.macros) {
      std::string_view v1, v2;
      auto one_var = [&](ExprKind k) -> Expr* {
        if (!LoopVar(args[1], &v1)) return Dummy();
        return Macro(k, at, target, v1, {}, {args[2]}, false);
      };
      auto two_var = [&](ExprKind k) -> Expr* {
        if (!LoopVar(args[1], &v1) || !LoopVar(args[2], &v2)) return Dummy();
        if (v1 == v2) return Error(args[2]->offset, "duplicate variable name: " + std::string(v1));
        return Macro(k, at, target, v1, v2, {args[3]}, true);
      };
      if (n == 2 && name == "all") return one_var(ExprKind::kAll);
      if (n == 2 && name == "exists") return one_var(ExprKind::kExists);
      if (n == 2 && (name == "exists_one" || name == "existsOne"))
        return one_var(ExprKind::kExistsOne);
      if (n == 2 && name == "map") return one_var(ExprKind::kMapMacro);
      if (n == 2 && name == "filter") return one_var(ExprKind::kFilter);
      if (n == 3 && name == "map") {
        if (!LoopVar(args[1], &v1)) return Dummy();
        Expr* m = Macro(ExprKind::kMapMacro, at, target, v1, {}, {args[3], args[2]}, false);
        m->has_filter = true;
        return m;
      }
      if (n == 3 && name == "all") return two_var(ExprKind::kAll);
      if (n == 3 && name == "exists") return two_var(ExprKind::kExists);
      if (n == 3 && (name == "existsOne" || name == "exists_one"))
        return two_var(ExprKind::kExistsOne);
      if ((n == 3 || n == 4) &&
          (name == "transformList" || name == "transformMap" || name == "transformMapEntry")) {
        ExprKind k = name == "transformList"  ? ExprKind::kTransformList
                     : name == "transformMap" ? ExprKind::kTransformMap
                                              : ExprKind::kTransformMapEntry;
        if (!LoopVar(args[1], &v1) || !LoopVar(args[2], &v2)) return Dummy();
        if (v1 == v2) return Error(args[2]->offset, "duplicate variable name: " + std::string(v1));
        Expr* m = n == 3 ? Macro(k, at, target, v1, v2, {args[3]}, true)
                         : Macro(k, at, target, v1, v2, {args[4], args[3]}, true);
        m->has_filter = n == 4;
        return m;
      }
      if (n == 2 && (name == "optMap" || name == "optFlatMap")) {
        return one_var(name == "optMap" ? ExprKind::kOptMap : ExprKind::kOptFlatMap);
      }
      if (n == 3 && name == "bind" && target->kind == ExprKind::kIdent && target->name == "cel") {
        if (!LoopVar(args[1], &v1)) return Dummy();
        Expr* b = NewExpr(ExprKind::kBind, at);
        b->args = Args({args[2], args[3]});
        b->nargs = 2;
        b->name = v1;
        return b;
      }
    }
    Expr* e = NewExpr(ExprKind::kCall, at);
    e->name = name;
    e->member = true;
    e->args = Args(args);
    e->nargs = static_cast<uint32_t>(args.size());
    return e;
  }

  std::string_view src_;
  Arena& arena_;
  const ParseOptions& options_;
  Lexer lexer_;
  Token tok_;
  bool failed_ = false;
  ParseError error_;
  Expr* dummy_ = nullptr;
  uint32_t depth_ = 0;
};

}  // namespace

tl::expected<Expr*, ParseError> Parse(std::string_view src, Arena& arena,
                                      const ParseOptions& options) {
  Parser p(src, arena, options);
  return p.Run();
}

}  // namespace gori::cel
