#include "io/torch_pickle.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <cstring>
#include <functional>
#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

namespace difflab {
namespace {

// A pickled value. Containers are shared, as in Python: the memo and the stack may hold the same dict.
struct Value;
using ValuePtr = std::shared_ptr<Value>;
struct Value {
  enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Tensor, Global, Object, Mark };
  Kind kind = Kind::None;
  bool b = false;
  int64_t i = 0;
  double f = 0.0;
  std::string s;                                    ///< String (also bytes); Global: "module.name"
  std::vector<ValuePtr> items;                      ///< Tuple, List; Object: constructor arguments
  std::vector<std::pair<ValuePtr, ValuePtr>> dict;  ///< Dict, in insertion order
  at::Tensor tensor;                                ///< Tensor
  ValuePtr cls, state;                              ///< Object: its class (a Global) and BUILD state
};

ValuePtr make(Value::Kind kind) {
  auto v = std::make_shared<Value>();
  v->kind = kind;
  return v;
}

const ValuePtr* dict_get(const ValuePtr& d, const std::string& key) {
  if (!d || d->kind != Value::Kind::Dict) return nullptr;
  for (const auto& [k, v] : d->dict)
    if (k->kind == Value::Kind::String && k->s == key) return &v;
  return nullptr;
}

at::ScalarType storage_dtype(const std::string& name) {
  static const std::map<std::string, at::ScalarType> kTypes = {
      {"torch.FloatStorage", at::kFloat},       {"torch.DoubleStorage", at::kDouble}, {"torch.HalfStorage", at::kHalf},
      {"torch.BFloat16Storage", at::kBFloat16}, {"torch.LongStorage", at::kLong},     {"torch.IntStorage", at::kInt},
      {"torch.ShortStorage", at::kShort},       {"torch.CharStorage", at::kChar},     {"torch.ByteStorage", at::kByte},
      {"torch.BoolStorage", at::kBool}};
  const auto it = kTypes.find(name);
  if (it == kTypes.end()) throw std::invalid_argument("unsupported storage type " + name);
  return it->second;
}

class Unpickler {
 public:
  Unpickler(const std::string& data, std::function<at::Tensor(const std::string&, at::ScalarType, int64_t)> storage)
      : data_(data), storage_(std::move(storage)) {}

  ValuePtr run() {
    while (true) {
      const uint8_t op = byte();
      switch (op) {
        case 0x80: byte(); break;  // PROTO
        case '.':                  // STOP
          if (stack_.empty()) fail("STOP with an empty stack");
          return stack_.back();
        case '(': push(make(Value::Kind::Mark)); break;
        case 'N': push(make(Value::Kind::None)); break;
        case 0x88: push(boolean(true)); break;
        case 0x89: push(boolean(false)); break;
        case 'K': push(integer(byte())); break;
        case 'M': push(integer(static_cast<int64_t>(le(2)))); break;
        case 'J': push(integer(static_cast<int32_t>(le(4)))); break;
        case 0x8a: {  // LONG1: n-byte little-endian two's complement
          const uint8_t n = byte();
          if (n > 8) fail("LONG1 of " + std::to_string(n) + " bytes");
          uint64_t v = n ? le(n) : 0;
          if (n && n < 8 && (v >> (8 * n - 1)) & 1) v |= ~uint64_t{0} << (8 * n);
          push(integer(static_cast<int64_t>(v)));
          break;
        }
        case 'G': {  // BINFLOAT: big-endian double
          uint64_t bits = 0;
          for (int k = 0; k < 8; ++k) bits = (bits << 8) | byte();
          auto v = make(Value::Kind::Float);
          std::memcpy(&v->f, &bits, 8);
          push(v);
          break;
        }
        case 'X': push(string(take(le(4)))); break;    // BINUNICODE
        case 0x8c: push(string(take(byte()))); break;  // SHORT_BINUNICODE
        case 'T':
        case 'B': push(string(take(le(4)))); break;  // BINSTRING, BINBYTES
        case 'U':
        case 'C': push(string(take(byte()))); break;  // SHORT_BINSTRING/BYTES
        case '}': push(make(Value::Kind::Dict)); break;
        case ']': push(make(Value::Kind::List)); break;
        case ')': push(make(Value::Kind::Tuple)); break;
        case 't': push(tuple(pop_mark())); break;
        case 0x85: push(tuple({pop()})); break;
        case 0x86: {
          auto b = pop(), a = pop();
          push(tuple({a, b}));
          break;
        }
        case 0x87: {
          auto c = pop(), b = pop(), a = pop();
          push(tuple({a, b, c}));
          break;
        }
        case 'q': memo_[byte()] = top(); break;
        case 'r': memo_[static_cast<uint32_t>(le(4))] = top(); break;
        case 0x94: memo_[static_cast<uint32_t>(memo_.size())] = top(); break;  // MEMOIZE
        case 'h': push(memo(byte())); break;
        case 'j': push(memo(static_cast<uint32_t>(le(4)))); break;
        case 'a': {
          auto v = pop();
          list_of(top())->items.push_back(v);
          break;
        }
        case 'e': {
          auto items = pop_mark();
          auto l = list_of(top());
          l->items.insert(l->items.end(), items.begin(), items.end());
          break;
        }
        case 's': {
          auto v = pop(), k = pop();
          dict_of(top())->dict.emplace_back(k, v);
          break;
        }
        case 'u': {
          auto items = pop_mark();
          if (items.size() % 2) fail("SETITEMS with an odd number of items");
          auto d = dict_of(top());
          for (size_t k = 0; k < items.size(); k += 2) d->dict.emplace_back(items[k], items[k + 1]);
          break;
        }
        case 'c': {  // GLOBAL module\nname\n
          const std::string module = line(), name = line();
          auto g = make(Value::Kind::Global);
          g->s = module + "." + name;
          push(g);
          break;
        }
        case 0x93: {  // STACK_GLOBAL
          auto name = pop(), module = pop();
          auto g = make(Value::Kind::Global);
          g->s = module->s + "." + name->s;
          push(g);
          break;
        }
        case 'R': {
          auto args = pop(), callable = pop();
          push(reduce(callable, args));
          break;
        }
        case 0x81: {
          auto args = pop(), cls = pop();
          push(object(cls, args));
          break;
        }            // NEWOBJ
        case 'b': {  // BUILD
          auto state = pop();
          if (top()->kind == Value::Kind::Object) top()->state = state;
          break;
        }
        case 'Q': push(persistent(pop())); break;  // BINPERSID
        case '0': pop(); break;                    // POP
        default: {
          char hex[8];
          std::snprintf(hex, sizeof hex, "0x%02x", op);
          fail(std::string("unsupported pickle opcode ") + hex + " (this reader builds data only)");
        }
      }
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument(what + " at byte " + std::to_string(pos_));
  }
  uint8_t byte() {
    if (pos_ >= data_.size()) fail("the pickle ends early");
    return static_cast<uint8_t>(data_[pos_++]);
  }
  uint64_t le(int n) {
    uint64_t v = 0;
    for (int k = 0; k < n; ++k) v |= static_cast<uint64_t>(byte()) << (8 * k);
    return v;
  }
  std::string take(uint64_t n) {
    if (n > data_.size() - pos_) fail("a string runs past the end of the pickle");
    std::string s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string line() {
    const size_t end = data_.find('\n', pos_);
    if (end == std::string::npos) fail("GLOBAL without a newline");
    std::string s = data_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return s;
  }
  void push(ValuePtr v) { stack_.push_back(std::move(v)); }
  ValuePtr pop() {
    if (stack_.empty()) fail("pop from an empty stack");
    auto v = stack_.back();
    stack_.pop_back();
    return v;
  }
  const ValuePtr& top() {
    if (stack_.empty()) fail("empty stack");
    return stack_.back();
  }
  std::vector<ValuePtr> pop_mark() {
    std::vector<ValuePtr> items;
    while (true) {
      ValuePtr v = pop();
      if (v->kind == Value::Kind::Mark) break;
      items.push_back(v);
    }
    return {items.rbegin(), items.rend()};
  }
  ValuePtr memo(uint32_t key) {
    const auto it = memo_.find(key);
    if (it == memo_.end()) fail("memo entry " + std::to_string(key) + " was never stored");
    return it->second;
  }
  ValuePtr list_of(const ValuePtr& v) {
    if (v->kind == Value::Kind::List) return v;
    if (v->kind == Value::Kind::Object) {  // e.g. a set's or a custom list's contents: kept as its arguments
      return v;
    }
    fail("APPEND to a non-list");
  }
  ValuePtr dict_of(const ValuePtr& v) {
    if (v->kind == Value::Kind::Dict) return v;
    fail("SETITEM on a non-dict");
  }
  static ValuePtr boolean(bool b) {
    auto v = make(Value::Kind::Bool);
    v->b = b;
    return v;
  }
  static ValuePtr integer(int64_t i) {
    auto v = make(Value::Kind::Int);
    v->i = i;
    return v;
  }
  static ValuePtr string(std::string s) {
    auto v = make(Value::Kind::String);
    v->s = std::move(s);
    return v;
  }
  static ValuePtr tuple(std::vector<ValuePtr> items) {
    auto v = make(Value::Kind::Tuple);
    v->items = std::move(items);
    return v;
  }
  static ValuePtr object(ValuePtr cls, ValuePtr args) {
    auto v = make(Value::Kind::Object);
    v->cls = std::move(cls);
    if (args && (args->kind == Value::Kind::Tuple || args->kind == Value::Kind::List)) v->items = args->items;
    return v;
  }
  static std::vector<int64_t> ints(const ValuePtr& v) {
    std::vector<int64_t> out;
    if (v->kind != Value::Kind::Tuple && v->kind != Value::Kind::List) return out;
    for (const auto& x : v->items) out.push_back(x->i);
    return out;
  }

  ValuePtr reduce(const ValuePtr& callable, const ValuePtr& args) {
    const std::string name = callable->kind == Value::Kind::Global ? callable->s : std::string();
    const auto& a = args->items;
    if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
      if (a.size() < 4 || a[0]->kind != Value::Kind::Tensor) fail(name + " with unexpected arguments");
      const at::Tensor& storage = a[0]->tensor;
      const int64_t offset = a[1]->i;
      const std::vector<int64_t> size = ints(a[2]), stride = ints(a[3]);
      if (size.size() != stride.size()) fail("a tensor's size and stride differ in length");
      int64_t last = offset;
      bool empty = false;
      for (size_t k = 0; k < size.size(); ++k) {
        if (size[k] < 0 || stride[k] < 0) fail("a negative size or stride");
        if (size[k] == 0) empty = true;
        last += (size[k] - 1) * stride[k];
      }
      auto v = make(Value::Kind::Tensor);
      if (empty) {
        v->tensor = torch::empty(size, storage.options());
      } else {
        if (offset < 0 || last >= storage.numel())
          fail("a tensor view reaches element " + std::to_string(last) + " of a storage of " +
               std::to_string(storage.numel()));
        v->tensor = storage.as_strided(size, stride, offset).clone();
      }
      return v;
    }
    if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state") {
      if (a.empty() || a[0]->kind != Value::Kind::Tensor) fail(name + " without a tensor");
      return a[0];
    }
    if (name == "collections.OrderedDict" || name == "builtins.dict") return make(Value::Kind::Dict);
    // LibTorch's torch::pickle_save tags a typed container: restore_type_tag(dict, "Dict[str, Tensor]").
    if (name == "torch.jit._pickle.restore_type_tag" && !a.empty()) return a[0];
    if (name == "copyreg._reconstructor" && !a.empty()) return object(a[0], make(Value::Kind::Tuple));
    return object(callable, args);  // anything else stays inert data
  }

  ValuePtr persistent(const ValuePtr& pid) {
    const auto& p = pid->items;
    if (pid->kind != Value::Kind::Tuple || p.size() < 5 || p[0]->s != "storage")
      fail("a persistent id that is not a storage");
    const std::string key = p[2]->s;
    auto& cached = storages_[key];
    if (!cached) {
      cached = make(Value::Kind::Tensor);
      try {
        cached->tensor = storage_(key, storage_dtype(p[1]->s), p[4]->i);
      } catch (const std::invalid_argument& e) {
        fail(e.what());
      }
    }
    return cached;
  }

  const std::string& data_;
  std::function<at::Tensor(const std::string&, at::ScalarType, int64_t)> storage_;
  size_t pos_ = 0;
  std::vector<ValuePtr> stack_;
  std::unordered_map<uint32_t, ValuePtr> memo_;
  std::unordered_map<std::string, ValuePtr> storages_;
};

bool tensor_dict(const ValuePtr& v, std::map<std::string, at::Tensor>& out) {
  if (!v || v->kind != Value::Kind::Dict || v->dict.empty()) return false;
  std::map<std::string, at::Tensor> found;
  for (const auto& [k, x] : v->dict) {
    if (k->kind != Value::Kind::String) return false;
    if (x->kind == Value::Kind::Tensor)
      found[k->s] = x->tensor;
    else if (x->kind != Value::Kind::None)
      return false;
  }
  out = std::move(found);
  return !out.empty();
}

// nn.Module.state_dict() from a pickled module: _parameters, persistent _buffers, then _modules, recursively.
// A pickle may tie modules into a cycle through its memo: the walk stops at 64 levels (real networks nest a few).
void walk_module(const ValuePtr& m, const std::string& prefix, std::map<std::string, at::Tensor>& out, int depth = 0) {
  if (!m || m->kind != Value::Kind::Object) return;
  if (depth > 64) throw std::invalid_argument("modules nested more than 64 deep (a cycle?) at '" + prefix + "'");
  std::set<std::string> skip;
  if (const ValuePtr* np = dict_get(m->state, "_non_persistent_buffers_set"))
    for (const auto& arg : (*np)->items)
      for (const auto& name : arg->items) skip.insert(name->s);
  for (const char* field : {"_parameters", "_buffers"})
    if (const ValuePtr* d = dict_get(m->state, field))
      for (const auto& [k, v] : (*d)->dict)
        if (v->kind == Value::Kind::Tensor && !skip.count(k->s)) out[prefix + k->s] = v->tensor;
  if (const ValuePtr* children = dict_get(m->state, "_modules"))
    for (const auto& [k, v] : (*children)->dict) walk_module(v, prefix + k->s + ".", out, depth + 1);
}

}  // namespace

bool looks_like_torch_zip(const std::string& bytes) {
  return bytes.compare(0, 4, std::string("PK\x03\x04", 4)) == 0 && bytes.find("data.pkl") != std::string::npos;
}

TorchStateDict read_torch_state_dict(const std::string& path) {
  const auto fail = [&](const std::string& what) { return TorchPickleError("PyTorch file '" + path + "': " + what); };
  std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader;
  try {
    reader = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
  } catch (const c10::Error& e) {
    std::string why = e.what_without_backtrace();
    why = why.substr(0, why.find('\n'));
    throw fail("cannot read it as a torch.save zip (" + why +
               "): the file is truncated or damaged, or was written by PyTorch before 1.6 (load and save it again "
               "with a newer PyTorch)");
  }
  std::string pickle;
  try {
    if (!reader->hasRecord("data.pkl")) throw fail("no data.pkl record: not written by torch.save");
    auto [ptr, size] = reader->getRecord("data.pkl");
    pickle.assign(static_cast<const char*>(ptr.get()), size);
  } catch (const c10::Error& e) {
    throw fail(e.what_without_backtrace());
  }
  const auto storage = [&](const std::string& key, at::ScalarType dtype, int64_t numel) -> at::Tensor {
    const std::string record = "data/" + key;
    if (!reader->hasRecord(record)) throw std::invalid_argument("missing storage record " + record);
    auto [ptr, size] = reader->getRecord(record);
    const size_t element = c10::elementSize(dtype);
    if (numel < 0 || size != static_cast<size_t>(numel) * element)
      throw std::invalid_argument("storage record " + record + " has " + std::to_string(size) + " bytes, " +
                                  std::to_string(numel) + " elements need " + std::to_string(numel * element));
    return torch::from_blob(ptr.get(), {numel}, torch::TensorOptions().dtype(dtype)).clone();
  };
  ValuePtr root;
  try {
    root = Unpickler(pickle, storage).run();
  } catch (const std::invalid_argument& e) {
    throw fail(std::string("data.pkl: ") + e.what());
  } catch (const c10::Error& e) {
    throw fail(std::string("data.pkl: ") + e.what_without_backtrace());
  }
  TorchStateDict out;
  if (tensor_dict(root, out.tensors)) {
    out.found = "state_dict";
    return out;
  }
  // A training checkpoint's dict: the EMA weights first (what one samples from, as our own export does), then
  // the raw ones; a whole module under one of these keys is walked below.
  for (const char* key :
       {"ema", "ema_state_dict", "model_ema", "ema_model", "state_dict", "model_state_dict", "model", "net"})
    if (const ValuePtr* v = dict_get(root, key)) {
      if (tensor_dict(*v, out.tensors)) {
        out.found = std::string("dict entry '") + key + "'";
        return out;
      }
      if ((*v)->kind == Value::Kind::Object) {
        root = *v;
        break;
      }
    }
  if (root->kind == Value::Kind::Object) {
    try {
      walk_module(root, "", out.tensors);
    } catch (const std::invalid_argument& e) {
      throw fail(e.what());
    }
    if (!out.tensors.empty()) {
      out.found = "module " + (root->cls ? root->cls->s : std::string("?"));
      return out;
    }
  }
  throw fail("found no state_dict, no dict entry holding one and no nn.Module with parameters");
}

}  // namespace difflab
