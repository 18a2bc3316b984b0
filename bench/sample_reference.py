"""PyTorch reference for difflab-bench-sample: the same networks in an eager PyTorch DDIM loop.

Models: the lecture notebook's SimpleUnet on 32x32x1 and the small DDPM U-Net (bench/train_reference.py builds
both, with the same parameter counts as the C++ networks). Sampler: deterministic DDIM (Song et al. 2021,
eq. 12 with eta = 0) on the "leading" timestep spacing of the linear schedule (T = 1000): per step one
network call under torch.no_grad() in eval mode, x0 = (x - sqrt(1 - abar_t) eps) / sqrt(abar_t), then
x = sqrt(abar_s) x0 + sqrt(1 - abar_s) eps. One timed run = initial noise -> x_0 for the whole batch.

Run:  /usr/bin/python3 bench/sample_reference.py [--device cpu|cuda] [--models a,b] [--nfe 50,100] [--batch 256]
      [--precision fp32,bf16] [--chunk N]
Prints the same CSV lines as difflab-bench-sample.
"""
import argparse
import contextlib
import time

import torch

import train_reference as tr


def leading_timesteps(T, n):
    """diffusers' "leading" spacing in 1-based training steps, decreasing, then 0."""
    return [1 + i * (T // n) for i in reversed(range(n))] + [0]


def images_per_second(model_name, batch, nfe, bf16, device, warmup, chunk=0):
    torch.manual_seed(0)
    net, shape = tr.make(model_name)
    net = net.to(device).eval()
    betas = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64)
    abar = [1.0] + torch.cumprod(1 - betas, 0).tolist()

    def run(n):
        x = torch.randn((batch,) + shape, device=device)
        ts = leading_timesteps(1000, n)
        with torch.no_grad(), (torch.autocast(device.split(":")[0], dtype=torch.bfloat16) if bf16 else contextlib.nullcontext()):
            for t, s in zip(ts[:-1], ts[1:]):
                tt = torch.full((batch,), float(t), device=device)
                if chunk > 0:  # the network in chunks of `chunk` samples, like the C++ denoiser's --chunk
                    eps = torch.cat([net(xc, tc).float() for xc, tc in zip(x.split(chunk), tt.split(chunk))])
                else:
                    eps = net(x, tt).float()
                x0 = (x - (1 - abar[t]) ** 0.5 * eps) / abar[t] ** 0.5
                x = abar[s] ** 0.5 * x0 + (1 - abar[s]) ** 0.5 * eps
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        return x

    if warmup > 0:
        run(warmup)
    start = time.perf_counter()
    run(nfe)
    return batch / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cpu")
    p.add_argument("--models", default="simple-unet,ddpm-small")
    p.add_argument("--nfe", default="50,100")
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--precision", default="fp32,bf16")
    p.add_argument("--cuda-graph", action="store_true",
                   help="accepted for run_sample_bench.sh and ignored: this reference is the eager PyTorch loop")
    p.add_argument("--chunk", type=int, default=-1,
                   help="samples per network call (<= 0: the whole batch, as eager PyTorch code does)")
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    cuda = a.device.startswith("cuda")
    print(f"# sample_reference.py: PyTorch {torch.__version__}, device {a.device}, threads {torch.get_num_threads()}, "
          f"sampler ddim (eta 0), warm-up {a.warmup} NFE")
    print("model,batch,nfe,precision,device,images_per_second")
    for m in a.models.split(","):
        for n in a.nfe.split(","):
            for bf16 in [q == "bf16" for q in a.precision.split(",")]:
                ips = images_per_second(m, a.batch, int(n), bf16, a.device, a.warmup, a.chunk)
                print(f"{m},{a.batch},{n},{'bf16' if bf16 else 'fp32'},{a.device},{ips}", flush=True)


if __name__ == "__main__":
    main()
