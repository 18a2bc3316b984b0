"""A standalone re-implementation of the part of Hugging Face diffusers' UNet2DModel that Diffusion Lab imports
(core/nn/ddpm_unet.cpp), with diffusers' exact module and parameter names, so state_dict() keys and shapes equal
diffusers' own; and the tiny diffusers-format model folders the C++ import tests read.

Follows diffusers commit 58eb52c0803ea9af3abec60841c2a093bdf1f951 (version 0.40.0.dev0):
  src/diffusers/models/unets/unet_2d.py          UNet2DModel (__init__, forward)
  src/diffusers/models/unets/unet_2d_blocks.py   get_down_block, get_up_block, DownBlock2D, AttnDownBlock2D,
                                                 UpBlock2D, AttnUpBlock2D, UNetMidBlock2D
  src/diffusers/models/resnet.py                 ResnetBlock2D (time_embedding_norm "default")
  src/diffusers/models/downsampling.py           Downsample2D (padding 0: F.pad (0, 1, 0, 1), then conv pad 0)
  src/diffusers/models/upsampling.py             Upsample2D (nearest ×2, conv 3×3 pad 1)
  src/diffusers/models/attention_processor.py    Attention + AttnProcessor (group_norm, to_q/k/v, to_out.0,
                                                 heads, scale = dim_head ** -0.5, residual, rescale_output_factor)
  src/diffusers/models/embeddings.py             get_timestep_embedding, Timesteps, TimestepEmbedding
  src/diffusers/models/modeling_utils.py         ModelMixin._fix_state_dict_keys_on_load (query/key/value/
                                                 proj_attn -> to_q/to_k/to_v/to_out.0)
  src/diffusers/schedulers/scheduling_ddpm.py    DDPMScheduler config fields
Supported subset: positional time embedding, DownBlock2D / AttnDownBlock2D, UpBlock2D / AttnUpBlock2D, the
UNetMidBlock2D with attention, act_fn silu, resnet_time_scale_shift "default", downsample/upsample type "conv",
no class embedding, center_input_sample false, dropout 0.

Verified against the REAL diffusers code (58eb52c), a one-off check outside the repository: the checkout's
src/diffusers copied to /tmp and imported under torch 1.13 with stubs for huggingface_hub, safetensors, packaging
etc. and a minimal ModelMixin carrying diffusers' own _fix_state_dict_keys_on_load (extracted by ast); the model
code (unet_2d.py, unet_2d_blocks.py, resnet.py, attention_processor.py, embeddings.py, ...) ran unmodified, on
the AttnProcessor path (torch 1.13 has no scaled_dot_product_attention). Results, for both folders:
  - UNet2DModel.from_config(config.json) (real ConfigMixin: absent keys take diffusers' defaults) has the same
    state_dict keys, in the same order, with the same shapes as this file's model (144 and 270 tensors);
    the weights files written here load into it with strict=True (the .bin after _fix_state_dict_keys_on_load).
  - float32, same weights, expected.json's inputs: max |ours - diffusers| = 0 (ddpm-like), 3.9e-07
    (defaults-legacy: float32 rounding, diffusers scales with baddbmm(alpha=scale)).
  - float64 (.double()): diffusers still builds the time embedding in float32 and, with upcast_softmax=True,
    runs the attention softmax in float32. Ours with a float32 embedding vs diffusers with upcast_softmax set
    False on its Attention modules: 0 and 7.8e-16. expected.json (float64 embedding and softmax) vs diffusers'
    float64 run as is: 1.1e-07 and 4.9e-08; vs diffusers with upcast_softmax False: 5.2e-08 and 7.9e-09.
  - perturbing any parameter tensor (random 0.1 noise) changes the output, except to_k.bias (softmax is invariant
    to it; diffusers' files still hold it).

Writes, into the folder given on the command line:
  ddpm-like/config.json                          google/ddpm-cifar10-32's conventions in miniature
                                                 (old-style key set; downsample_padding 0, flip_sin_to_cos false,
                                                 freq_shift 1, norm_eps 1e-6, attention_head_dim null = one head)
  ddpm-like/diffusion_pytorch_model.safetensors  float32 (tests/reference/import_reference.save_safetensors)
  ddpm-like/scheduler_config.json                DDPMScheduler, linear 1e-4 -> 0.02, 1000 steps, epsilon, clip
  defaults-legacy/model_index.json               a DDPMPipeline folder in diffusers' pipeline layout:
  defaults-legacy/unet/config.json               UNet2DModel defaults (flip_sin_to_cos true, freq_shift 0,
                                                 norm_eps 1e-5, downsample_padding 1, attention_head_dim 8)
  defaults-legacy/unet/diffusion_pytorch_model.bin  torch.save(state_dict) (zip), DEPRECATED attention names
                                                 query/key/value/proj_attn (Linear [C, C] weights)
  defaults-legacy/scheduler/scheduler_config.json  squaredcos_cap_v2, 1000 steps, v_prediction
  expected.json                                  per folder: x [2, C, H, W], integer timesteps, out "sample",
                                                 computed in float64 from the float32 weights
The channel widths are smaller than first planned ([32, 64] and [16, 32, 32] would be 2.7 MB and 1.6 MB of
weights): WIDTHS / GROUPS below ([8, 16] / 4 and [4, 16, 8] / 2) keep the weights files near 300 KB (192 KiB and
303 KiB) while keeping what the tests exercise: 1x1 shortcut convs in down and up paths, channel-changing skips,
one-head (attention_head_dim null, and 8 channels / 8) and two-head (16 channels / 8) attention, groups of
several channels.

Re-run:  /usr/bin/python3 tests/reference/diffusers_unet_reference.py tests/data/import/diffusers
         /usr/bin/python3 tests/reference/diffusers_unet_reference.py --keys      (key -> shape listings)
"""
import collections
import json
import math
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from import_reference import save_safetensors  # noqa: E402

DIFFUSERS_COMMIT = "58eb52c0803ea9af3abec60841c2a093bdf1f951"


# ---------------------------------------------------------------- embeddings.py
def get_timestep_embedding(timesteps, embedding_dim, flip_sin_to_cos=False, downscale_freq_shift=1.0, scale=1.0,
                           max_period=10000, dtype=torch.float32):
    """diffusers' get_timestep_embedding; diffusers always computes it in float32 (dtype=torch.float32)."""
    assert timesteps.dim() == 1
    half_dim = embedding_dim // 2
    exponent = -math.log(max_period) * torch.arange(0, half_dim, dtype=dtype)
    exponent = exponent / (half_dim - downscale_freq_shift)
    emb = torch.exp(exponent)
    emb = timesteps[:, None].to(dtype) * emb[None, :]
    emb = scale * emb
    emb = torch.cat([torch.sin(emb), torch.cos(emb)], dim=-1)
    if flip_sin_to_cos:
        emb = torch.cat([emb[:, half_dim:], emb[:, :half_dim]], dim=-1)
    if embedding_dim % 2 == 1:
        emb = F.pad(emb, (0, 1, 0, 0))
    return emb


class Timesteps(nn.Module):
    """No parameters. embed_dtype None: float32 like diffusers; the float64 reference sets float64."""

    def __init__(self, num_channels, flip_sin_to_cos, downscale_freq_shift):
        super().__init__()
        self.num_channels, self.flip_sin_to_cos, self.downscale_freq_shift = num_channels, flip_sin_to_cos, \
            downscale_freq_shift
        self.embed_dtype = torch.float32

    def forward(self, timesteps):
        return get_timestep_embedding(timesteps, self.num_channels, self.flip_sin_to_cos, self.downscale_freq_shift,
                                      dtype=self.embed_dtype)


class TimestepEmbedding(nn.Module):
    def __init__(self, in_channels, time_embed_dim):
        super().__init__()
        self.linear_1 = nn.Linear(in_channels, time_embed_dim)
        self.act = nn.SiLU()
        self.linear_2 = nn.Linear(time_embed_dim, time_embed_dim)

    def forward(self, sample):
        return self.linear_2(self.act(self.linear_1(sample)))


# ---------------------------------------------------------------- resnet.py / downsampling.py / upsampling.py
class ResnetBlock2D(nn.Module):
    """pre-norm, time_embedding_norm "default": h = conv1(silu(norm1(x))) + time_emb_proj(silu(temb));
    h = conv2(dropout(silu(norm2(h)))); out = (shortcut(x) + h) / output_scale_factor. conv_shortcut (1×1, bias)
    exists iff in_channels != out_channels."""

    def __init__(self, in_channels, out_channels, temb_channels, eps, groups, output_scale_factor=1.0):
        super().__init__()
        self.output_scale_factor = output_scale_factor
        self.norm1 = nn.GroupNorm(groups, in_channels, eps=eps, affine=True)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=1, padding=1)
        self.time_emb_proj = nn.Linear(temb_channels, out_channels)
        self.norm2 = nn.GroupNorm(groups, out_channels, eps=eps, affine=True)
        self.dropout = nn.Dropout(0.0)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, stride=1, padding=1)
        self.nonlinearity = nn.SiLU()
        self.conv_shortcut = nn.Conv2d(in_channels, out_channels, 1, stride=1, padding=0) \
            if in_channels != out_channels else None

    def forward(self, input_tensor, temb):
        h = self.conv1(self.nonlinearity(self.norm1(input_tensor)))
        h = h + self.time_emb_proj(self.nonlinearity(temb))[:, :, None, None]
        h = self.conv2(self.dropout(self.nonlinearity(self.norm2(h))))
        if self.conv_shortcut is not None:
            input_tensor = self.conv_shortcut(input_tensor)
        return (input_tensor + h) / self.output_scale_factor


class Downsample2D(nn.Module):
    """Conv 3×3 stride 2 with `padding`; padding 0 first pads ONE zero column right and ONE zero row bottom."""

    def __init__(self, channels, padding):
        super().__init__()
        self.padding = padding
        self.conv = nn.Conv2d(channels, channels, 3, stride=2, padding=padding)

    def forward(self, x):
        if self.padding == 0:
            x = F.pad(x, (0, 1, 0, 1), mode="constant", value=0)
        return self.conv(x)


class Upsample2D(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


# ---------------------------------------------------------------- attention_processor.py
class Attention(nn.Module):
    """Attention(query_dim=C, heads=C // dim_head, dim_head, norm_num_groups, eps, residual_connection=True,
    bias=True, rescale_output_factor) run by AttnProcessor: h = group_norm(x) as [B, HW, C]; q/k/v = Linear;
    heads split the channels in contiguous chunks (channel = head * dim_head + i); softmax(q k^T * dim_head^-0.5)
    v; to_out.0 Linear; (+ x) / rescale_output_factor. to_out.1 is a Dropout (no parameters)."""

    def __init__(self, channels, dim_head, groups, eps, rescale_output_factor=1.0):
        super().__init__()
        self.heads = channels // dim_head
        self.dim_head = dim_head
        self.scale = dim_head ** -0.5
        self.rescale_output_factor = rescale_output_factor
        inner = dim_head * self.heads
        self.group_norm = nn.GroupNorm(groups, channels, eps=eps, affine=True)
        self.to_q = nn.Linear(channels, inner)
        self.to_k = nn.Linear(channels, inner)
        self.to_v = nn.Linear(channels, inner)
        self.to_out = nn.ModuleList([nn.Linear(inner, channels), nn.Dropout(0.0)])

    def forward(self, x):
        residual = x
        b, c, hgt, wid = x.shape
        h = x.view(b, c, hgt * wid).transpose(1, 2)
        h = self.group_norm(h.transpose(1, 2)).transpose(1, 2)

        def split(t):  # [B, S, heads*d] -> [B*heads, S, d]  (diffusers' head_to_batch_dim)
            return t.reshape(b, -1, self.heads, self.dim_head).permute(0, 2, 1, 3).reshape(b * self.heads, -1,
                                                                                           self.dim_head)
        q, k, v = split(self.to_q(h)), split(self.to_k(h)), split(self.to_v(h))
        probs = (torch.bmm(q, k.transpose(-1, -2)) * self.scale).softmax(dim=-1)
        out = torch.bmm(probs, v)
        out = out.reshape(b, self.heads, -1, self.dim_head).permute(0, 2, 1, 3).reshape(b, -1,
                                                                                         self.heads * self.dim_head)
        out = self.to_out[1](self.to_out[0](out))
        out = out.transpose(-1, -2).reshape(b, c, hgt, wid)
        return (out + residual) / self.rescale_output_factor


# ---------------------------------------------------------------- unet_2d_blocks.py
class DownBlock(nn.Module):
    """DownBlock2D (attn=False) / AttnDownBlock2D (attn=True). Attentions are registered before resnets, as in
    diffusers (state_dict order). Pushes every resnet(+attention) output, then the downsampler output."""

    def __init__(self, attn, num_layers, in_ch, out_ch, temb_ch, eps, groups, dim_head, add_downsample,
                 downsample_padding):
        super().__init__()
        if attn:
            self.attentions = nn.ModuleList([Attention(out_ch, dim_head, groups, eps) for _ in range(num_layers)])
        else:
            self.attentions = None
        self.resnets = nn.ModuleList([ResnetBlock2D(in_ch if i == 0 else out_ch, out_ch, temb_ch, eps, groups)
                                      for i in range(num_layers)])
        self.downsamplers = nn.ModuleList([Downsample2D(out_ch, downsample_padding)]) if add_downsample else None

    def forward(self, h, temb):
        out = ()
        for i, resnet in enumerate(self.resnets):
            h = resnet(h, temb)
            if self.attentions is not None:
                h = self.attentions[i](h)
            out += (h,)
        if self.downsamplers is not None:
            h = self.downsamplers[0](h)
            out += (h,)
        return h, out


class UpBlock(nn.Module):
    """UpBlock2D / AttnUpBlock2D with num_layers = layers_per_block + 1; resnet i takes
    (prev_output_channel if i == 0 else out) + (in_channels if i == num_layers - 1 else out) channels, the second
    part being the popped skip tensor concatenated AFTER h (torch.cat([h, skip], dim=1))."""

    def __init__(self, attn, num_layers, in_ch, prev_ch, out_ch, temb_ch, eps, groups, dim_head, add_upsample):
        super().__init__()
        if attn:
            self.attentions = nn.ModuleList([Attention(out_ch, dim_head, groups, eps) for _ in range(num_layers)])
        else:
            self.attentions = None
        res = []
        for i in range(num_layers):
            skip = in_ch if i == num_layers - 1 else out_ch
            res.append(ResnetBlock2D((prev_ch if i == 0 else out_ch) + skip, out_ch, temb_ch, eps, groups))
        self.resnets = nn.ModuleList(res)
        self.upsamplers = nn.ModuleList([Upsample2D(out_ch)]) if add_upsample else None

    def forward(self, h, skips, temb):
        for i, resnet in enumerate(self.resnets):
            h = torch.cat([h, skips[-1]], dim=1)
            skips = skips[:-1]
            h = resnet(h, temb)
            if self.attentions is not None:
                h = self.attentions[i](h)
        if self.upsamplers is not None:
            h = self.upsamplers[0](h)
        return h


class UNetMidBlock2D(nn.Module):
    """resnets.0 -> attentions.0 -> resnets.1. Resnets get output_scale_factor = mid_block_scale_factor, the
    attention rescale_output_factor = the same; the attention's heads follow the same attention_head_dim rule
    as the other blocks (C // attention_head_dim; null -> one head of C); its GroupNorm has norm_num_groups
    groups and eps norm_eps."""

    def __init__(self, ch, temb_ch, eps, groups, dim_head, scale_factor):
        super().__init__()
        self.attentions = nn.ModuleList([Attention(ch, dim_head, groups, eps, rescale_output_factor=scale_factor)])
        self.resnets = nn.ModuleList([ResnetBlock2D(ch, ch, temb_ch, eps, groups, scale_factor) for _ in range(2)])

    def forward(self, h, temb):
        h = self.resnets[0](h, temb)
        h = self.attentions[0](h)
        return self.resnets[1](h, temb)


# ---------------------------------------------------------------- unet_2d.py
UNET_DEFAULTS = {  # UNet2DModel.__init__ defaults at 58eb52c (the supported ones)
    "sample_size": None, "in_channels": 3, "out_channels": 3, "center_input_sample": False,
    "time_embedding_type": "positional", "time_embedding_dim": None, "freq_shift": 0, "flip_sin_to_cos": True,
    "down_block_types": ["DownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D"],
    "mid_block_type": "UNetMidBlock2D",
    "up_block_types": ["AttnUpBlock2D", "AttnUpBlock2D", "AttnUpBlock2D", "UpBlock2D"],
    "block_out_channels": [224, 448, 672, 896], "layers_per_block": 2, "mid_block_scale_factor": 1,
    "downsample_padding": 1, "downsample_type": "conv", "upsample_type": "conv", "dropout": 0.0, "act_fn": "silu",
    "attention_head_dim": 8, "norm_num_groups": 32, "attn_norm_num_groups": None, "norm_eps": 1e-5,
    "resnet_time_scale_shift": "default", "add_attention": True, "class_embed_type": None, "num_class_embeds": None,
    "num_train_timesteps": None,
}


class UNet2DModel(nn.Module):
    def __init__(self, **config):
        super().__init__()
        c = dict(UNET_DEFAULTS)
        c.update({k: v for k, v in config.items() if not k.startswith("_")})
        self.config = c
        assert c["time_embedding_type"] == "positional" and c["act_fn"] == "silu"
        assert c["resnet_time_scale_shift"] == "default" and not c["center_input_sample"]
        assert c["class_embed_type"] is None and c["num_class_embeds"] is None and c["add_attention"]
        assert c["mid_block_type"] == "UNetMidBlock2D" and c["attn_norm_num_groups"] is None
        boc, eps, groups, ahd = c["block_out_channels"], c["norm_eps"], c["norm_num_groups"], c["attention_head_dim"]
        temb = c["time_embedding_dim"] or boc[0] * 4
        n = len(boc)
        assert len(c["down_block_types"]) == n == len(c["up_block_types"])

        self.conv_in = nn.Conv2d(c["in_channels"], boc[0], 3, padding=(1, 1))
        self.time_proj = Timesteps(boc[0], c["flip_sin_to_cos"], c["freq_shift"])
        self.time_embedding = TimestepEmbedding(boc[0], temb)
        self.down_blocks = nn.ModuleList([])
        self.mid_block = None
        self.up_blocks = nn.ModuleList([])
        out_ch = boc[0]
        for i, kind in enumerate(c["down_block_types"]):
            assert kind in ("DownBlock2D", "AttnDownBlock2D"), kind
            in_ch, out_ch = out_ch, boc[i]
            self.down_blocks.append(DownBlock(kind == "AttnDownBlock2D", c["layers_per_block"], in_ch, out_ch, temb,
                                              eps, groups, ahd if ahd is not None else out_ch, i != n - 1,
                                              c["downsample_padding"]))
        self.mid_block = UNetMidBlock2D(boc[-1], temb, eps, groups, ahd if ahd is not None else boc[-1],
                                        c["mid_block_scale_factor"])
        rev = list(reversed(boc))
        out_ch = rev[0]
        for i, kind in enumerate(c["up_block_types"]):
            assert kind in ("UpBlock2D", "AttnUpBlock2D"), kind
            prev, out_ch, in_ch = out_ch, rev[i], rev[min(i + 1, n - 1)]
            self.up_blocks.append(UpBlock(kind == "AttnUpBlock2D", c["layers_per_block"] + 1, in_ch, prev, out_ch,
                                          temb, eps, groups, ahd if ahd is not None else out_ch, i != n - 1))
        self.conv_norm_out = nn.GroupNorm(groups, boc[0], eps=eps)
        self.conv_act = nn.SiLU()
        self.conv_out = nn.Conv2d(boc[0], c["out_channels"], 3, padding=1)

    def forward(self, sample, timesteps):
        timesteps = timesteps * torch.ones(sample.shape[0], dtype=timesteps.dtype)
        emb = self.time_embedding(self.time_proj(timesteps).to(self.conv_in.weight.dtype))
        sample = self.conv_in(sample)
        skips = (sample,)
        for block in self.down_blocks:
            sample, res = block(sample, emb)
            skips += res
        sample = self.mid_block(sample, emb)
        for block in self.up_blocks:
            k = len(block.resnets)
            res, skips = skips[-k:], skips[:-k]
            sample = block(sample, res, emb)
        return self.conv_out(self.conv_act(self.conv_norm_out(sample)))


# ---------------------------------------------------------------- deprecated attention names
DEPRECATED = {"to_q": "query", "to_k": "key", "to_v": "value", "to_out.0": "proj_attn"}


def to_deprecated_names(state):
    """The inverse of ModelMixin._fix_state_dict_keys_on_load: .attentions.J.to_q.weight -> .attentions.J.query.weight
    etc. (group_norm keeps its name)."""
    out = collections.OrderedDict()
    for k, v in state.items():
        for new, old in DEPRECATED.items():
            tag = ".attentions."
            if tag in k and f".{new}." in k:
                k = k.replace(f".{new}.", f".{old}.")
                break
        out[k] = v
    return out


# ---------------------------------------------------------------- the test folders
WIDTHS = {"ddpm-like": [8, 16], "defaults-legacy": [4, 16, 8]}
GROUPS = {"ddpm-like": 4, "defaults-legacy": 2}

DDPM_LIKE = {  # google/ddpm-cifar10-32's config.json key set (diffusers 0.0.4 era) + attention_head_dim null
    "_class_name": "UNet2DModel", "_diffusers_version": "0.0.4", "act_fn": "silu", "attention_head_dim": None,
    "block_out_channels": WIDTHS["ddpm-like"], "center_input_sample": False,
    "down_block_types": ["DownBlock2D", "AttnDownBlock2D"], "downsample_padding": 0, "flip_sin_to_cos": False,
    "freq_shift": 1, "in_channels": 3, "layers_per_block": 1, "mid_block_scale_factor": 1, "norm_eps": 1e-06,
    "norm_num_groups": GROUPS["ddpm-like"], "out_channels": 3, "sample_size": 16,
    "time_embedding_type": "positional", "up_block_types": ["AttnUpBlock2D", "UpBlock2D"],
}
DDPM_LIKE_SCHEDULER = {  # google/ddpm-cifar10-32's scheduler_config.json (+ prediction_type, explicit)
    "_class_name": "DDPMScheduler", "_diffusers_version": "0.1.1", "beta_end": 0.02, "beta_schedule": "linear",
    "beta_start": 0.0001, "clip_sample": True, "num_train_timesteps": 1000, "prediction_type": "epsilon",
    "trained_betas": None, "variance_type": "fixed_large",
}

VERSION = "0.40.0.dev0"  # diffusers' __version__ at the commit followed
LEGACY = dict(UNET_DEFAULTS)  # what save_config writes today: every __init__ argument
LEGACY.update({
    "_class_name": "UNet2DModel", "_diffusers_version": VERSION, "sample_size": 8, "in_channels": 1, "out_channels": 1,
    "block_out_channels": WIDTHS["defaults-legacy"], "layers_per_block": 2,
    "down_block_types": ["DownBlock2D", "AttnDownBlock2D", "DownBlock2D"],
    "up_block_types": ["UpBlock2D", "AttnUpBlock2D", "UpBlock2D"], "norm_num_groups": GROUPS["defaults-legacy"],
})
LEGACY_SCHEDULER = {  # DDPMScheduler.__init__ arguments at 58eb52c
    "_class_name": "DDPMScheduler", "_diffusers_version": VERSION, "beta_end": 0.02, "beta_schedule": "squaredcos_cap_v2",
    "beta_start": 0.0001, "clip_sample": True, "clip_sample_range": 1.0, "dynamic_thresholding_ratio": 0.995,
    "num_train_timesteps": 1000, "prediction_type": "v_prediction", "rescale_betas_zero_snr": False,
    "sample_max_value": 1.0, "steps_offset": 0, "thresholding": False, "timestep_spacing": "leading",
    "trained_betas": None, "variance_type": "fixed_small",
}
MODEL_INDEX = {"_class_name": "DDPMPipeline", "_diffusers_version": VERSION,
               "scheduler": ["diffusers", "DDPMScheduler"], "unet": ["diffusers", "UNet2DModel"]}

CASES = {  # name -> (config, weight seed, input seed, timesteps)
    "ddpm-like": (DDPM_LIKE, 11, 21, [0, 999]),
    "defaults-legacy": (LEGACY, 12, 22, [17, 500]),
}


def set_weights(model, seed):
    """Deterministic float32 weights with O(1) activations: GroupNorm weight 1 + 0.25 randn, bias 0.2 randn;
    Linear/Conv weight randn / sqrt(fan_in); biases 0.2 randn. Visited in state_dict order."""
    g = torch.Generator().manual_seed(seed)
    norms = {n for n, m in model.named_modules() if isinstance(m, nn.GroupNorm)}
    with torch.no_grad():
        for name, p in model.named_parameters():
            mod, kind = name.rsplit(".", 1)
            r = torch.randn(p.shape, generator=g, dtype=torch.float32)
            if mod in norms:
                p.copy_(1.0 + 0.25 * r if kind == "weight" else 0.2 * r)
            elif kind == "bias":
                p.copy_(0.2 * r)
            else:
                p.copy_(r / math.sqrt(p[0].numel()))


def build(name):
    config, wseed, _, _ = CASES[name]
    model = UNet2DModel(**config)
    set_weights(model, wseed)
    return model.eval()


def inputs(name):
    config, _, xseed, ts = CASES[name]
    m = UNet2DModel(**config).config
    g = torch.Generator().manual_seed(xseed)
    x = torch.randn(2, m["in_channels"], m["sample_size"], m["sample_size"], generator=g, dtype=torch.float64)
    return x, torch.tensor(ts, dtype=torch.long)


def run64(model, x, t, embed_dtype=torch.float64):
    m64 = build_copy(model).double()
    m64.time_proj.embed_dtype = embed_dtype
    with torch.no_grad():
        return m64(x.double(), t)


def build_copy(model):
    m = UNet2DModel(**model.config)
    m.load_state_dict(model.state_dict())
    return m.eval()


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.write("\n")


def main(out):
    expected = {}
    for name in CASES:
        model = build(name)
        state = collections.OrderedDict((k, v.detach().clone().contiguous()) for k, v in model.state_dict().items())
        folder = os.path.join(out, name)
        if name == "ddpm-like":
            os.makedirs(folder, exist_ok=True)
            write_json(os.path.join(folder, "config.json"), DDPM_LIKE)
            save_safetensors(os.path.join(folder, "diffusion_pytorch_model.safetensors"), state, {"format": "pt"})
            write_json(os.path.join(folder, "scheduler_config.json"), DDPM_LIKE_SCHEDULER)
        else:
            os.makedirs(os.path.join(folder, "unet"), exist_ok=True)
            os.makedirs(os.path.join(folder, "scheduler"), exist_ok=True)
            write_json(os.path.join(folder, "model_index.json"), MODEL_INDEX)
            write_json(os.path.join(folder, "unet", "config.json"), LEGACY)
            torch.save(to_deprecated_names(state), os.path.join(folder, "unet", "diffusion_pytorch_model.bin"))
            write_json(os.path.join(folder, "scheduler", "scheduler_config.json"), LEGACY_SCHEDULER)
        x, t = inputs(name)
        y = run64(model, x, t)
        expected[name] = {"x": x.tolist(), "timesteps": t.tolist(), "out": y.tolist(),
                          "note": "sample = unet(x, timesteps), float64 throughout (time embedding included)"}
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)
        f.write("\n")


def print_keys():
    for name in CASES:
        model = build(name)
        print(f"== {name}  ({sum(p.numel() for p in model.parameters())} parameters)")
        for k in sorted(model.state_dict()):
            print(f"{k} {list(model.state_dict()[k].shape)}")


if __name__ == "__main__":
    if "--keys" in sys.argv[1:]:
        print_keys()
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/import/diffusers")
