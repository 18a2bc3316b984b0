"""Runs upstream k-diffusion's sampler functions and diffusers' UniPC step on the zoo reference's problem and
compares them with tests/data/sampling/zoo_reference.json (a one-off check of the reference, not part of CTest:
it needs checkouts of both projects). Usage, from the repository root:
    KD_SAMPLING=path/to/k_diffusion/sampling.py UNIPC=path/to/scheduling_unipc_multistep.py \
        /usr/bin/python3 tests/reference/verify_upstream.py
Last run (k-diffusion 4601bf0, diffusers 58eb52c): every step within 4e-14."""
import ast, math, os, sys, types, json
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import torch
torch.set_default_dtype(torch.float64)
import sampler_zoo_reference as Z
import sampling_reference as base

S = Z.SCHED
T = Z.T

def extract(path, names, cls=None):
    tree = ast.parse(open(path).read())
    out = {}
    nodes = tree.body
    if cls:
        nodes = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls][0].body
    for n in nodes:
        if isinstance(n, ast.FunctionDef) and n.name in names:
            n.decorator_list = []
            out[n.name] = ast.unparse(n)
    return out

# ---- k-diffusion
def gl_quad(fn, a, b, epsrel=None):
    # 8-point Gauss-Legendre: exact for polynomials up to degree 15
    xs, ws = __import__("numpy").polynomial.legendre.leggauss(8)
    m, h = 0.5 * (a + b), 0.5 * (b - a)
    return (h * sum(w * fn(m + h * x) for x, w in zip(xs, ws)), 0.0)

utils = types.SimpleNamespace(append_dims=lambda x, n: x[(...,) + (None,) * (n - x.ndim)])
ns = {"torch": torch, "math": math, "trange": lambda n, disable=None: range(n), "utils": utils,
      "integrate": types.SimpleNamespace(quad=gl_quad),
      "BrownianTreeNoiseSampler": None}
src = extract(os.environ["KD_SAMPLING"], {"to_d", "get_ancestral_step", "default_noise_sampler", "sample_euler_ancestral",
               "sample_dpmpp_2s_ancestral", "sample_dpmpp_2m_sde", "sample_lms", "linear_multistep_coeff",
               "sample_dpm_2"})
for s in src.values():
    exec(s, ns)

class Model:
    def __init__(self, grid_t, grid_sig):
        self.map = {float(s): t for s, t in zip(grid_sig, grid_t)}
        self.model = Z.tanh_model(S)
    def __call__(self, x, sigma):
        sig = float(sigma[0])
        t = self.map.get(sig)
        if t is None:
            t = S.t_from_sigma_ve(sig)
        return self.model(S.alpha(t) * x, t)

class Replay:
    def __init__(self, drawn): self.drawn, self.k = drawn, 0
    def __call__(self, *a):
        z = torch.tensor(self.drawn[self.k]).reshape(3, 2); self.k += 1; return z

ref = json.load(open(os.path.join(HERE, "..", "data", "sampling", "zoo_reference.json")))
x_T = torch.tensor(ref["x_T"]).reshape(3, 2)
worst = 0
for c in ref["cases"]:
    ts = c["timesteps"]
    sig = [S.sigma_ve(t) for t in ts]
    sigmas = torch.tensor(sig)
    m = Model(ts, sig)
    x = x_T / S.alpha(ts[0])
    o = c["options"]; name = c["name"]
    # compare the final state (upstream functions return only the end)
    if name == "euler-ancestral":
        rp = Replay(c["noise"]); out = ns["sample_euler_ancestral"](m, x, sigmas, eta=o["eta"], noise_sampler=rp)
    elif name == "dpmpp-2s-ancestral":
        rp = Replay(c["noise"]); out = ns["sample_dpmpp_2s_ancestral"](m, x, sigmas, eta=o["eta"], noise_sampler=rp)
    elif name == "dpmpp-2m-sde":
        rp = Replay(c["noise"]); out = ns["sample_dpmpp_2m_sde"](m, x, sigmas, eta=o["eta"], noise_sampler=rp)
    elif name == "lms":
        rp = None; out = ns["sample_lms"](m, x, sigmas)
    elif name == "dpm2":
        rp = None; out = ns["sample_dpm_2"](m, x, sigmas)
    else:
        continue
    d = (out.flatten() - torch.tensor(c["x"][-1])).abs().max().item()
    worst = max(worst, d)
    print(f"k-diffusion {name} {o}: final |diff| = {d:.2e}" + (f", draws used {rp.k}/{len(c['noise'])}" if rp else ""))
    # and intermediate steps: run on truncated sigma lists (prefix chains are the same for these samplers
    # except the last step's special σ_next = 0 handling, which only applies at the real end)
    for k in range(1, len(ts) - 1):
        rp = Replay(c["noise"])
        f = {"euler-ancestral": lambda: ns["sample_euler_ancestral"](m, x, sigmas[:k + 1], eta=o["eta"], noise_sampler=rp),
             "dpmpp-2s-ancestral": lambda: ns["sample_dpmpp_2s_ancestral"](m, x, sigmas[:k + 1], eta=o["eta"], noise_sampler=rp),
             "dpmpp-2m-sde": lambda: ns["sample_dpmpp_2m_sde"](m, x, sigmas[:k + 1], eta=o["eta"], noise_sampler=rp),
             "lms": lambda: ns["sample_lms"](m, x, sigmas[:k + 1]),
             "dpm2": lambda: ns["sample_dpm_2"](m, x, sigmas[:k + 1])}[name]
        xv = f() * S.alpha(ts[k])
        d = (xv.flatten() - torch.tensor(c["x"][k - 1])).abs().max().item()
        worst = max(worst, d)
print("worst k-diffusion diff (all steps):", worst)

# ---- diffusers UniPC
usrc = extract(os.environ["UNIPC"], {"_sigma_to_alpha_sigma_t", "convert_model_output", "multistep_uni_p_bh_update",
                                 "multistep_uni_c_bh_update", "step", "step_index"}, cls="UniPCMultistepScheduler")
uns = {"torch": torch, "deprecate": lambda *a, **k: None, "SchedulerOutput": lambda prev_sample: types.SimpleNamespace(prev_sample=prev_sample),
       "SchedulerOutput | tuple": None}
body = "from __future__ import annotations\nclass U:\n" + "\n".join("    " + line for s in usrc.values() for line in (s + "\n").splitlines())
body = body.replace("    def step_index(self)", "    @property\n    def step_index(self)")
exec(body, uns)
U = uns["U"]
for c in ref["cases"]:
    if c["name"] != "unipc":
        continue
    ts = c["timesteps"]
    u = U()
    u.config = types.SimpleNamespace(use_flow_sigmas=False, solver_type="bh2", prediction_type="epsilon", thresholding=False,
                                     solver_order=2, lower_order_final=True)
    u.sigmas = torch.tensor([S.sigma_ve(t) for t in ts])
    u.timesteps = torch.tensor(ts[:-1])
    u.predict_x0, u.solver_p, u.disable_corrector = True, None, []
    u.model_outputs, u.timestep_list = [None, None], [None, None]
    u.lower_order_nums, u.last_sample, u._step_index, u.num_inference_steps = 0, None, 0, len(ts) - 1
    x = x_T.clone(); worst = 0
    for i, t in enumerate(ts[:-1]):
        a = S.alpha(t); s = math.sqrt(max(1 - a * a, 0))
        eps = torch.tanh(0.8 * x + 0.5 * math.sin(3.0 * (t / T)) + Z.OFFSET)
        x = u.step(eps, t, x).prev_sample
        worst = max(worst, (x.flatten() - torch.tensor(c["x"][i])).abs().max().item())
    print(f"diffusers unipc {c['options']}: worst |diff| over steps = {worst:.2e}")
