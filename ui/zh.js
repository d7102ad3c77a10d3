// Gradio's own labels, tooltips and status text in Simplified Chinese. Gradio builds some of
// them in English whatever the locale (screen-reader labels, the upload-size error, the queue
// status), so they are rewritten as they appear. Exact strings first, then patterns.
(() => {
  const EXACT = {
    "More tabs": "更多标签页", "chatbot conversation": "对话记录", "Table actions": "表格操作",
    "Copy table data": "复制表格", "Fullscreen": "全屏", "Exit fullscreen": "退出全屏",
    "Exit fullscreen mode": "退出全屏", "Open cell menu": "单元格菜单", "File upload": "上传文件",
    "Empty value": "空", "Reset to default value": "恢复默认值", "Textbox": "文本框",
    "Click to upload or drop files": "点击上传或拖入文件", "Clear": "清除", "Remove": "移除",
    "Download": "下载", "Copy": "复制", "Copied": "已复制", "Copied!": "已复制", "Error": "错误",
    "Loading...": "加载中…", "Loading": "加载中", "common.complete": "完成", "common.error": "错误",
    "common.clear": "清除", "Close": "关闭", "Dismiss": "关闭", "Sort ascending": "升序",
    "Sort descending": "降序", "Clear sort": "取消排序", "Filter": "筛选", "Search": "搜索",
    "Warning": "警告", "Info": "提示", "Select all": "全选", "Clear selection": "清除选择",
    "processing |": "处理中 |", "processing": "处理中", "Drop File Here": "将文件拖到这里",
    "- or -": "或", "Click to Upload": "点击上传", "Upload file": "上传文件", "Upload": "上传",
  };
  const PATTERNS = [
    [/^File\(s\) exceed the maximum allowed size of (.+?): (.+)$/s, (m, a, b) => `文件超过大小上限（${a.replace(/\s*Mb$/i, " MB")}）：${b}`],
    [/^user's message: ?.*$/s, () => "用户的问题"],
    [/^bot's message: ?.*$/s, () => "助手的回答"],
    [/^number input for (.+)$/s, (m, a) => `${a}（输入数字）`],
    [/^range slider for (.+)$/s, (m, a) => `${a}（滑块）`],
    [/^queue: (\S+) \|$/, (m, a) => `排队：${a} |`],
    [/^(\d+)\s*\/\s*(\d+) steps$/, (m, a, b) => `第 ${a}/${b} 步`],
    [/^Dropdown$/, () => "下拉列表"],
  ];
  const tr = (s) => {
    if (!s || !/[A-Za-z]/.test(s)) return null;
    const t = s.trim();
    if (EXACT[t] !== undefined) return s.replace(t, EXACT[t]);
    for (const [re, f] of PATTERNS) if (re.test(t)) return t.replace(re, f);
    return null;
  };
  const ATTRS = ["aria-label", "title", "placeholder", "aria-valuetext"];
  const fixEl = (el) => {
    for (const a of ATTRS) {
      const v = el.getAttribute && el.getAttribute(a);
      const n = v && tr(v);
      if (n !== null && n !== undefined && n !== v) el.setAttribute(a, n);
    }
  };
  const fixText = (node) => {
    const n = tr(node.nodeValue);
    if (n !== null && n !== node.nodeValue) node.nodeValue = n;
  };
  const walk = (root) => {
    if (root.nodeType === 3) return fixText(root);
    if (root.nodeType !== 1) return;
    if (root.closest && root.closest(".shequ-answer, .shequ-panel, textarea")) return;
    fixEl(root);
    root.querySelectorAll("[aria-label],[title],[placeholder],[aria-valuetext]").forEach(fixEl);
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (t) => t.parentElement && t.parentElement.closest(".shequ-answer, .shequ-panel, .cell-wrap, textarea, script, style")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    while (w.nextNode()) fixText(w.currentNode);
  };
  const start = () => {
    document.documentElement.lang = "zh-CN";
    walk(document.body);
    new MutationObserver((muts) => {
      for (const m of muts) {
        if (m.type === "attributes") fixEl(m.target);
        else if (m.type === "characterData") walk(m.target);
        else m.addedNodes.forEach(walk);
      }
    }).observe(document.body, {subtree: true, childList: true, characterData: true,
                               attributes: true, attributeFilter: ATTRS});
  };
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
